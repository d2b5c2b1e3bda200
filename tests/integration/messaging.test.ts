import { createHmac } from "node:crypto";
import { db } from "~/db/db.server";
import { sendPendingMessages, sendToUser, saveMessagePreferences } from "~/messaging/messaging.server";
import { validWhatsAppSignature } from "~/messaging/providers.server";
import { handleWhatsAppVerification, handleWhatsAppWebhook } from "~/messaging/webhook.server";
import { startMessagingStandIn } from "../helpers/messaging-standin";

// The providers' HTTP APIs are replaced by a loopback stand-in (tests/helpers/messaging-standin.ts): the
// WhatsApp Cloud API and the SMS gateway cannot be reached from here.
let standIn: Awaited<ReturnType<typeof startMessagingStandIn>>;
const SECRET = "test-app-secret";

beforeAll(async () => {
  standIn = await startMessagingStandIn();
  Object.assign(process.env, {
    WHATSAPP_TOKEN: "wa-test-token",
    WHATSAPP_PHONE_NUMBER_ID: "1234567890",
    WHATSAPP_API_BASE: standIn.whatsappBase,
    WHATSAPP_APP_SECRET: SECRET,
    WHATSAPP_VERIFY_TOKEN: "verify-me",
    SMS_GATEWAY_URL: standIn.smsUrl,
    SMS_GATEWAY_TOKEN: "sms-test-token",
  });
});
afterAll(async () => {
  for (const k of ["WHATSAPP_TOKEN", "WHATSAPP_PHONE_NUMBER_ID", "WHATSAPP_API_BASE", "WHATSAPP_APP_SECRET", "WHATSAPP_VERIFY_TOKEN", "SMS_GATEWAY_URL", "SMS_GATEWAY_TOKEN"]) delete process.env[k];
  await standIn.close();
});
beforeEach(() => {
  standIn.requests.length = 0;
  standIn.state.whatsappFails = 0;
  standIn.state.smsFails = 0;
});

async function chairWithPhone(phone = "0812-7777-1234") {
  const user = await db.user.findUniqueOrThrow({ where: { email: "kelompok@bermitra.id" } });
  await db.user.update({ where: { id: user.id }, data: { phone } });
  await db.messagePreference.deleteMany({ where: { userId: user.id } });
  return user;
}

const message = (code: string) => ({ kind: "signingCode" as const, text: `Kode tanda tangan Anda: ${code}`, subject: "[Bermitra] Kode", template: { name: "signing_code", params: [code] }, secrets: [code] });

function sign(body: string, secret = SECRET) {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

describe("messaging: providers and fallback", () => {
  it("sends a WhatsApp template message to the normalised number, secrets redacted once sent", async () => {
    const user = await chairWithPhone();
    expect(await db.$transaction((tx) => sendToUser(tx, user.id, message("482913")))).toBe(true);
    const result = await sendPendingMessages(new Date());
    expect(result.sent).toBeGreaterThanOrEqual(1);
    const wa = standIn.requests.find((r) => r.path === "/v21.0/1234567890/messages")!;
    expect(wa.authorization).toBe("Bearer wa-test-token");
    expect(wa.body).toMatchObject({ messaging_product: "whatsapp", to: "6281277771234", type: "template", template: { name: "signing_code", language: { code: "id" }, components: [{ type: "body", parameters: [{ type: "text", text: "482913" }] }] } });
    const row = await db.textMessage.findFirstOrThrow({ where: { userId: user.id }, orderBy: { createdAt: "desc" } });
    expect(row).toMatchObject({ channel: "WHATSAPP", status: "SENT", provider: "whatsapp-cloud", to: "+6281277771234" });
    expect(row.providerMessageId).toMatch(/^wamid\.standin/);
    expect(row.text).not.toContain("482913");
    expect(row.template).not.toContain("482913");
  });

  it("a refused WhatsApp falls back to SMS, and a failing SMS gateway to email", async () => {
    const user = await chairWithPhone();
    standIn.state.whatsappFails = 400;
    standIn.state.smsFails = 503;
    await db.$transaction((tx) => sendToUser(tx, user.id, message("111222")));
    await sendPendingMessages(new Date()); // WhatsApp 400: permanent → SMS queued
    const sms = await db.textMessage.findFirstOrThrow({ where: { userId: user.id, channel: "SMS" }, orderBy: { createdAt: "desc" } });
    expect(sms.status).toBe("PENDING");
    const wa = await db.textMessage.findUniqueOrThrow({ where: { id: sms.fallbackFromId! } });
    expect(wa.status).toBe("FAILED");
    expect(wa.lastError).toContain("HTTP 400");
    // the SMS gateway is down (503): retried, then given up after 3 attempts → email
    for (let i = 0; i < 3; i++) await sendPendingMessages(new Date());
    expect(standIn.requests.filter((r) => r.path === "/sms")).toHaveLength(3);
    expect(standIn.requests.find((r) => r.path === "/sms")!.body).toMatchObject({ to: "+6281277771234", text: "Kode tanda tangan Anda: 111222" });
    expect((await db.textMessage.findUniqueOrThrow({ where: { id: sms.id } })).status).toBe("FAILED");
    const email = await db.emailMessage.findFirstOrThrow({ where: { to: "kelompok@bermitra.id", kind: "message.signingCode" }, orderBy: { createdAt: "desc" } });
    expect(email.text).toContain("111222");
    expect(JSON.parse(email.secrets!)).toEqual(["111222"]);
  });

  it("follows each person's channel choice per kind of message", async () => {
    const user = await chairWithPhone();
    await saveMessagePreferences(user.id, { signingCode: ["SMS", "EMAIL"], orderReminder: ["EMAIL"] });
    expect(await db.$transaction((tx) => sendToUser(tx, user.id, { ...message("333444"), kind: "orderReminder" }))).toBe(false);
    await db.$transaction((tx) => sendToUser(tx, user.id, message("333444")));
    await sendPendingMessages(new Date());
    expect(standIn.requests.map((r) => r.path)).toEqual(["/sms"]);
    // no phone number: nothing queued, the caller sends email
    await db.user.update({ where: { id: user.id }, data: { phone: "0341-590001" } }); // a landline (unique: no seeded account has it)
    expect(await db.$transaction((tx) => sendToUser(tx, user.id, message("555666")))).toBe(false);
  });
});

describe("messaging: the WhatsApp delivery-status webhook", () => {
  it("checks X-Hub-Signature-256 on the raw body", () => {
    const body = '{"entry":[]}';
    expect(validWhatsAppSignature(body, sign(body), SECRET)).toBe(true);
    expect(validWhatsAppSignature(body, sign(body, "other-secret"), SECRET)).toBe(false);
    expect(validWhatsAppSignature(`${body} `, sign(body), SECRET)).toBe(false);
    expect(validWhatsAppSignature(body, null, SECRET)).toBe(false);
    expect(validWhatsAppSignature(body, sign(body), undefined)).toBe(false);
    expect(validWhatsAppSignature(body, "sha256=zz", SECRET)).toBe(false);
  });

  it("records delivered and read; a failed delivery falls back to SMS; a forged one changes nothing", async () => {
    const user = await chairWithPhone();
    await db.$transaction((tx) => sendToUser(tx, user.id, message("777888")));
    await db.$transaction((tx) => sendToUser(tx, user.id, message("999000")));
    await sendPendingMessages(new Date());
    const [first, second] = await db.textMessage.findMany({ where: { userId: user.id, channel: "WHATSAPP", status: "SENT" }, orderBy: { createdAt: "asc" }, take: 2, skip: 0 });
    const payload = (id: string, status: string, errors?: unknown[]) => JSON.stringify({ object: "whatsapp_business_account", entry: [{ id: "WABA", changes: [{ field: "messages", value: { messaging_product: "whatsapp", statuses: [{ id, status, timestamp: "1795400000", recipient_id: "6281277771234", ...(errors ? { errors } : {}) }] } }] }] });

    const forged = payload(first!.providerMessageId!, "failed", [{ code: 131026, title: "Message undeliverable" }]);
    expect(await handleWhatsAppWebhook(forged, sign(forged, "guessed"))).toMatchObject({ status: 401 });
    expect((await db.textMessage.findUniqueOrThrow({ where: { id: first!.id } })).status).toBe("SENT");

    const delivered = payload(first!.providerMessageId!, "delivered");
    expect(await handleWhatsAppWebhook(delivered, sign(delivered))).toMatchObject({ status: 200 });
    const read = payload(first!.providerMessageId!, "read");
    await handleWhatsAppWebhook(read, sign(read));
    const firstAfter = await db.textMessage.findUniqueOrThrow({ where: { id: first!.id } });
    expect(firstAfter.status).toBe("READ");
    expect(firstAfter.deliveredAt).not.toBeNull();

    const failed = payload(second!.providerMessageId!, "failed", [{ code: 131026, title: "Message undeliverable" }]);
    expect(await handleWhatsAppWebhook(failed, sign(failed))).toMatchObject({ status: 200 });
    expect(await db.textMessage.findUniqueOrThrow({ where: { id: second!.id } })).toMatchObject({ status: "FAILED", lastError: "WhatsApp: 131026 Message undeliverable" });
    expect(await db.textMessage.findFirst({ where: { fallbackFromId: second!.id, channel: "SMS", status: "PENDING" } })).not.toBeNull();

    expect(await handleWhatsAppWebhook("not json", sign("not json"))).toMatchObject({ status: 400 });
  });

  it("answers Meta's subscription check only with the right verify token", () => {
    expect(handleWhatsAppVerification(new URLSearchParams({ "hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "42" }))).toEqual({ status: 200, body: "42" });
    expect(handleWhatsAppVerification(new URLSearchParams({ "hub.mode": "subscribe", "hub.verify_token": "nope", "hub.challenge": "42" })).status).toBe(403);
  });
});
