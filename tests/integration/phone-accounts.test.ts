import { logIn, loginKey, requestPasswordReset, signUpGroup } from "~/accounts/accounts.server";
import { LOGIN_CODE_TTL_MS, logInWithCode, requestLoginCode } from "~/accounts/login-code.server";
import { loadSessionUser, sessionCookie } from "~/auth/session.server";
import { db } from "~/db/db.server";
import { chooseMessageChannels, listTextMessages, messagePreferences, saveMessagePreferences, sendPendingMessages } from "~/messaging/messaging.server";
import { normaliseIndonesianPhone } from "~/messaging/phone";
import { notifyUsers } from "~/notifications/notify.server";
import { TEST_NOW } from "../helpers/now";
import { startMessagingStandIn } from "../helpers/messaging-standin";
import { cookieFor, getRequest, responseOf } from "../helpers/requests";

// Phone accounts (issue 13 item 12, decision 109). The providers' HTTP APIs are replaced, where a test needs
// them, by the LOOPBACK STAND-IN of tests/helpers/messaging-standin.ts (WhatsApp Cloud API and SMS gateway
// cannot be reached from here); elsewhere the local outbox keeps the messages.
const NOW = new Date(TEST_NOW);
const PHONE_CHAIR = "+6281270001001"; // the seeded chair of KPM Seruni Sisir: no email
let ipCounter = 0;
/** a fresh client IP per test, so the per-IP limits of one test do not spill into the next */
const meta = () => ({ ip: `10.13.0.${++ipCounter}`, userAgent: "vitest" });
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

async function phoneChair() {
  return db.user.findUniqueOrThrow({ where: { phone: PHONE_CHAIR } });
}
async function lastCodeText(userId: string) {
  return db.textMessage.findFirstOrThrow({ where: { userId, kind: "loginCode" }, orderBy: { createdAt: "desc" } });
}
async function villageId() {
  return (await db.village.findFirstOrThrow({ where: { name: "Sisir" } })).id;
}
const groupSignUp = async (over: Record<string, unknown>) => ({
  name: "Sulastri",
  password: "kata-sandi-panjang-1",
  locale: "id" as const,
  groupType: "KPM" as const,
  groupName: `KPM Uji ${Math.random().toString(36).slice(2, 8)}`,
  villageId: await villageId(),
  businessKind: "PRODUKSI" as const,
  businessDescription: "Keripik tempe",
  ...over,
});

describe("phone numbers", () => {
  it("normalises Indonesian mobile numbers to +62… and refuses landlines and foreign numbers", () => {
    for (const input of ["0812-7000-1001", "081270001001", "62 812 7000 1001", "+62 812-7000-1001", "(0812) 7000.1001", "81270001001"]) {
      expect(normaliseIndonesianPhone(input), input).toBe("+6281270001001");
    }
    for (const input of ["0341-591234", "+1 415 555 0100", "0812", "0812-7000-1001-9999", "0812abc1001", ""]) {
      expect(normaliseIndonesianPhone(input), input).toBeNull();
    }
    expect(loginKey(" Kelompok@Bermitra.ID ")).toBe("kelompok@bermitra.id");
    expect(loginKey("0812 7000 1001")).toBe("+6281270001001");
  });
});

describe("sign-up with a mobile number instead of an email", () => {
  it("creates the account with the normalised number and no email, and welcomes her on the phone", async () => {
    const outcome = await signUpGroup(await groupSignUp({ phone: "0813-5550-2001" }), meta());
    if (!outcome.created) throw new Error("expected a new account");
    const user = await db.user.findUniqueOrThrow({ where: { id: outcome.record.user.id } });
    expect(user.email).toBeNull();
    expect(user.phone).toBe("+6281355502001");
    const chair = await db.groupMember.findFirstOrThrow({ where: { groupId: outcome.record.group.id, role: "CHAIR" } });
    expect(chair.phone).toBe("+6281355502001");
    const welcome = await db.textMessage.findFirstOrThrow({ where: { userId: user.id, kind: "accountNotice" } });
    expect(welcome).toMatchObject({ to: "+6281355502001", channel: "WHATSAPP", status: "PENDING" });
    expect(await db.emailMessage.count({ where: { kind: "signup-welcome", createdAt: { gte: user.createdAt } } })).toBe(0);
    // she can log in with the number and her password
    const { user: loggedIn } = await logIn("0813 5550 2001", "kata-sandi-panjang-1", meta());
    expect(loggedIn.id).toBe(user.id);
  });

  it("refuses a landline or no way to reach her, next to the phone field", async () => {
    await expect(signUpGroup(await groupSignUp({ phone: "0341-591299" }), meta())).rejects.toMatchObject({ key: "validation:phone", field: "phone" });
    await expect(signUpGroup(await groupSignUp({}), meta())).rejects.toMatchObject({ key: "auth:errors.emailOrPhone", field: "phone" });
  });

  it("a number that already has an account creates nothing and tells its owner on her phone", async () => {
    const owner = await phoneChair();
    const before = await db.user.count();
    const outcome = await signUpGroup(await groupSignUp({ phone: "0812 7000 1001" }), meta());
    expect(outcome.created).toBe(false);
    expect(await db.user.count()).toBe(before);
    const notice = await db.textMessage.findFirstOrThrow({ where: { userId: owner.id, kind: "accountNotice" }, orderBy: { createdAt: "desc" } });
    expect(notice.to).toBe(PHONE_CHAIR);
  });
});

describe("log-in with a one-time code", () => {
  beforeEach(async () => {
    await db.loginCode.deleteMany({});
    await db.rateLimit.deleteMany({});
  });

  it("sends a 6-digit code to her WhatsApp (only its hash is stored) and logs her in once with it", async () => {
    const user = await phoneChair();
    const code = await requestLoginCode("0812-7000-1001", NOW, meta());
    expect(code).toMatch(/^\d{6}$/);
    const stored = await db.loginCode.findFirstOrThrow({ where: { userId: user.id } });
    expect(stored.codeHash).not.toContain(code!);
    const text = await lastCodeText(user.id);
    expect(text).toMatchObject({ to: PHONE_CHAIR, channel: "WHATSAPP", kind: "loginCode" });
    expect(text.text).toContain(code!);
    // the admin's outbox never shows the code
    const listed = await listTextMessages({ to: "81270001001" });
    expect(listed.messages.find((m) => m.id === text.id)!.text).not.toContain(code!);

    const { user: loggedIn, session } = await logInWithCode("+62 812 7000 1001", code!, minutes(2), meta());
    expect(loggedIn.id).toBe(user.id);
    const cookie = (await sessionCookie.serialize(session.id)).split(";")[0]!;
    expect((await loadSessionUser(new Request("http://localhost/", { headers: { Cookie: cookie } })))?.user.id).toBe(user.id);
    // used once
    await expect(logInWithCode("0812-7000-1001", code!, minutes(3), meta())).rejects.toMatchObject({ key: "auth:errors.wrongCode", field: "code" });
  });

  it("a code expires after 10 minutes", async () => {
    const code = await requestLoginCode("0812-7000-1001", NOW, meta());
    await expect(logInWithCode("0812-7000-1001", code!, new Date(NOW.getTime() + LOGIN_CODE_TTL_MS + 1000), meta())).rejects.toMatchObject({ key: "auth:errors.wrongCode" });
  });

  it("five wrong tries void the code: the right one no longer works", async () => {
    const code = await requestLoginCode("0812-7000-1001", NOW, meta());
    const wrong = code === "000000" ? "111111" : "000000";
    const m = meta();
    for (let i = 0; i < 4; i++) await expect(logInWithCode("0812-7000-1001", wrong, minutes(1), m)).rejects.toMatchObject({ key: "auth:errors.wrongCode" });
    await expect(logInWithCode("0812-7000-1001", wrong, minutes(1), m)).rejects.toMatchObject({ key: "auth:errors.codeSpent" });
    await expect(logInWithCode("0812-7000-1001", code!, minutes(1), m)).rejects.toMatchObject({ key: "auth:errors.wrongCode" });
  });

  it("a code for one number never logs in another account", async () => {
    const other = await db.user.findUniqueOrThrow({ where: { email: "kelompok@bermitra.id" } });
    expect(other.phone).toBe("+6281234567801");
    const code = await requestLoginCode("0812-7000-1001", NOW, meta());
    await expect(logInWithCode("0812-3456-7801", code!, minutes(1), meta())).rejects.toMatchObject({ key: "auth:errors.wrongCode" });
    // and the other account's own code does not open the first one
    const otherCode = await requestLoginCode("0812-3456-7801", NOW, meta());
    if (otherCode !== code) await expect(logInWithCode("0812-7000-1001", otherCode!, minutes(1), meta())).rejects.toMatchObject({ key: "auth:errors.wrongCode" });
    const { user } = await logInWithCode("0812-3456-7801", otherCode!, minutes(1), meta());
    expect(user.id).toBe(other.id);
  });

  it("answers the same for an unknown number (nothing sent), refuses a malformed one next to the field, and waits a minute between codes", async () => {
    const before = await db.textMessage.count();
    expect(await requestLoginCode("0812-9999-0000", NOW, meta())).toBeNull();
    expect(await db.textMessage.count()).toBe(before);
    await expect(requestLoginCode("12345", NOW, meta())).rejects.toMatchObject({ key: "validation:phone", field: "phone" });
    const first = await requestLoginCode("0812-7000-1001", NOW, meta());
    expect(first).not.toBeNull();
    expect(await requestLoginCode("0812-7000-1001", new Date(NOW.getTime() + 30_000), meta())).toBeNull();
    const second = await requestLoginCode("0812-7000-1001", minutes(2), meta());
    expect(second).not.toBeNull();
    // only the newest code works
    if (first !== second) await expect(logInWithCode("0812-7000-1001", first!, minutes(3), meta())).rejects.toMatchObject({ key: "auth:errors.wrongCode" });
  });

  it("sends at most 5 codes an hour to a number, and 20 from one client IP", async () => {
    const sent: (string | null)[] = [];
    for (let i = 0; i < 7; i++) sent.push(await requestLoginCode("0812-7000-1001", minutes(2 * i), meta()));
    expect(sent.filter(Boolean)).toHaveLength(5);
    expect(sent.slice(5)).toEqual([null, null]);
    const ip = { ip: "10.13.99.1" };
    for (let i = 0; i < 20; i++) await requestLoginCode("0812-9999-0000", NOW, ip);
    await expect(requestLoginCode("0812-9999-0000", NOW, ip)).rejects.toMatchObject({ key: "errors:rateLimited" });
  });
});

describe("messages to a phone-only account", () => {
  let standIn: Awaited<ReturnType<typeof startMessagingStandIn>>;
  beforeAll(async () => {
    standIn = await startMessagingStandIn();
    Object.assign(process.env, { WHATSAPP_TOKEN: "wa-test-token", WHATSAPP_PHONE_NUMBER_ID: "1234567890", WHATSAPP_API_BASE: standIn.whatsappBase, SMS_GATEWAY_URL: standIn.smsUrl, SMS_GATEWAY_TOKEN: "sms-test-token" });
  });
  afterAll(async () => {
    for (const k of ["WHATSAPP_TOKEN", "WHATSAPP_PHONE_NUMBER_ID", "WHATSAPP_API_BASE", "SMS_GATEWAY_URL", "SMS_GATEWAY_TOKEN"]) delete process.env[k];
    await standIn.close();
  });
  beforeEach(async () => {
    standIn.requests.length = 0;
    standIn.state.whatsappFails = 0;
    standIn.state.smsFails = 0;
    await db.rateLimit.deleteMany({});
    await db.textMessage.updateMany({ where: { status: "PENDING" }, data: { status: "FAILED" } });
  });

  it("a password reset asked for by mobile number goes to her WhatsApp; a refused WhatsApp falls back to SMS", async () => {
    const user = await phoneChair();
    standIn.state.whatsappFails = 400;
    await requestPasswordReset("0812-7000-1001", NOW, meta());
    const wa = await db.textMessage.findFirstOrThrow({ where: { userId: user.id, kind: "passwordReset" }, orderBy: { createdAt: "desc" } });
    expect(wa.channel).toBe("WHATSAPP");
    expect(wa.text).toMatch(/\/reset-password\/[A-Za-z0-9_-]{20,}/);
    await sendPendingMessages(NOW);
    standIn.state.whatsappFails = 0;
    await sendPendingMessages(NOW);
    const paths = standIn.requests.map((r) => r.path);
    expect(paths[0]).toMatch(/\/messages$/);
    expect(paths[1]).toBe("/sms");
    expect(standIn.requests[1]!.body).toMatchObject({ to: PHONE_CHAIR });
    expect(String(standIn.requests[1]!.body.text)).toContain("/reset-password/");
    // the stored copies no longer hold the link's token
    const rows = await db.textMessage.findMany({ where: { userId: user.id, kind: "passwordReset" } });
    for (const row of rows) expect(row.text).not.toMatch(/\/reset-password\/[A-Za-z0-9_-]{20,}/);
  });

  it("with no email to fall back to, a message that fails on WhatsApp and SMS is given up (not lost silently: FAILED with the reason)", async () => {
    const user = await phoneChair();
    standIn.state.whatsappFails = 400;
    standIn.state.smsFails = 400;
    const emailsBefore = await db.emailMessage.count();
    await requestLoginCode("0812-7000-1001", minutes(30), meta());
    await sendPendingMessages(NOW);
    await sendPendingMessages(NOW);
    const rows = await db.textMessage.findMany({ where: { userId: user.id, kind: "loginCode" }, orderBy: { createdAt: "asc" } });
    expect(rows.slice(-2).map((r) => [r.channel, r.status])).toEqual([
      ["WHATSAPP", "FAILED"],
      ["SMS", "FAILED"],
    ]);
    expect(rows.at(-1)!.lastError).toContain("HTTP 400");
    expect(await db.emailMessage.count()).toBe(emailsBefore);
  });

  it("order and coaching reminders reach her on the channels she chose for them", async () => {
    const user = await phoneChair();
    await notifyUsers(db, [user.id], { kind: "orders:notify.placed", params: { number: "ORD-1", partner: "Hotel Uji" }, link: "/orders" });
    const order = await db.textMessage.findFirstOrThrow({ where: { userId: user.id, kind: "orderReminder" }, orderBy: { createdAt: "desc" } });
    expect(order.channel).toBe("WHATSAPP");
    expect(order.text).toContain("/orders");
    await saveMessagePreferences(user.id, { coachingReminder: ["SMS"] });
    await notifyUsers(db, [user.id], { kind: "coaching:notify.tomorrow", params: { topic: "Pembukuan", date: "18/11/2026" }, link: "/group/coaching" });
    const coaching = await db.textMessage.findFirstOrThrow({ where: { userId: user.id, kind: "coachingReminder" }, orderBy: { createdAt: "desc" } });
    expect(coaching).toMatchObject({ channel: "SMS", fallback: "[]" });
    await db.messagePreference.deleteMany({ where: { userId: user.id } });
  });
});

describe("channel choices and the admin's text outbox", () => {
  it("she chooses channels per kind among what she has; anything else is refused next to that field, nothing saved", async () => {
    const user = await phoneChair();
    const actor = { actorId: user.id, actorName: user.name, ip: null };
    await expect(chooseMessageChannels(actor, { orderReminder: "SMS", coachingReminder: "EMAIL" })).rejects.toMatchObject({ key: "validation:choose", field: "channels.coachingReminder" });
    expect(await db.messagePreference.count({ where: { userId: user.id } })).toBe(0);
    await chooseMessageChannels(actor, { orderReminder: "SMS", loginCode: "WHATSAPP,SMS" });
    const prefs = await messagePreferences(user.id);
    expect(prefs).toMatchObject({ hasPhone: true, hasEmail: false });
    expect(prefs.kinds.find((k) => k.kind === "orderReminder")!.channels).toEqual(["SMS"]);
    expect(prefs.kinds.find((k) => k.kind === "signingLink")!.channels).toEqual(["WHATSAPP", "SMS"]);
    expect(await db.auditEvent.count({ where: { action: "user.messagePreferences", entityId: user.id } })).toBe(1);
    await db.messagePreference.deleteMany({ where: { userId: user.id } });
  });

  it("/admin/messages lists text messages with codes redacted, filtered by number, for the admin only", async () => {
    await db.rateLimit.deleteMany({});
    await db.loginCode.deleteMany({});
    const code = await requestLoginCode("0812-7000-1001", minutes(60), meta());
    const { loader } = await import("~/routes/admin.messages");
    const res = await responseOf(async () => loader({ request: getRequest("/admin/messages?to=0812-7000-1001", await cookieFor("admin@bermitra.id")), params: {}, context: {} }));
    const body = JSON.stringify(await res.json());
    expect(body).toContain("+6281270001001");
    expect(body).not.toContain(code!);
    expect(body).not.toContain("+6281234567801");
    const denied = await responseOf(async () => loader({ request: getRequest("/admin/messages", await cookieFor("dinas@bermitra.id")), params: {}, context: {} }));
    expect(denied.status).toBe(403);
  });
});
