import { timingSafeEqual } from "node:crypto";
import { now as clockNow } from "~/time/clock";
import { applyWhatsAppStatuses } from "./messaging.server";
import { validWhatsAppSignature } from "./providers.server";

/** A delivery-status POST from WhatsApp: 401 without a valid signature, 400 for unreadable JSON, else 200. */
export async function handleWhatsAppWebhook(raw: string, signature: string | null): Promise<{ status: number; body: string }> {
  if (!validWhatsAppSignature(raw, signature, process.env.WHATSAPP_APP_SECRET)) return { status: 401, body: "invalid signature" };
  let payload: unknown;
  try {
    payload = JSON.parse(raw);
  } catch {
    return { status: 400, body: "invalid json" };
  }
  const applied = await applyWhatsAppStatuses(payload, clockNow());
  return { status: 200, body: `ok ${applied}` };
}

/** Meta's subscription handshake: echo hub.challenge when hub.verify_token matches WHATSAPP_VERIFY_TOKEN. */
export function handleWhatsAppVerification(params: URLSearchParams): { status: number; body: string } {
  const expected = process.env.WHATSAPP_VERIFY_TOKEN;
  const given = params.get("hub.verify_token") ?? "";
  const ok = !!expected && params.get("hub.mode") === "subscribe" && given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  return ok ? { status: 200, body: params.get("hub.challenge") ?? "" } : { status: 403, body: "forbidden" };
}
