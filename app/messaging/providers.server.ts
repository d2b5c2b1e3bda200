import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { MessageChannel } from "~/generated/prisma/enums";

/** One outgoing WhatsApp or SMS message as a provider sees it. */
export type ProviderMessage = { to: string; text: string; template: { name: string; params: string[] } | null; language: string };

export type SendResult = { ok: true; providerMessageId: string | null } | { ok: false; error: string; /** retrying cannot help (bad number, rejected template): fall back now */ permanent: boolean };

/** A way to reach a phone. Each provider speaks one channel. */
export interface MessagingProvider {
  readonly name: string;
  readonly channel: MessageChannel;
  send(message: ProviderMessage): Promise<SendResult>;
}

async function postJson(url: string, token: string | undefined, body: unknown): Promise<SendResult & { json?: unknown }> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (error) {
    return { ok: false, error: `network: ${error instanceof Error ? error.message : String(error)}`, permanent: false };
  }
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    // 4xx other than rate limiting: the request itself is refused (invalid number, unknown template, …).
    const permanent = response.status >= 400 && response.status < 500 && response.status !== 429;
    return { ok: false, error: `HTTP ${response.status}: ${text.slice(0, 300)}`, permanent };
  }
  return { ok: true, providerMessageId: null, json };
}

/**
 * WhatsApp Business Cloud API (Meta Graph API): template messages, which are the only kind a business may
 * send first. POST {base}/{phone-number-id}/messages with a bearer token; the answer names the message id that
 * delivery-status webhooks report on. Configured by WHATSAPP_TOKEN + WHATSAPP_PHONE_NUMBER_ID
 * (WHATSAPP_API_BASE for another Graph version or a test stand-in).
 */
export class WhatsAppCloudProvider implements MessagingProvider {
  readonly name = "whatsapp-cloud";
  readonly channel = "WHATSAPP" as const;
  constructor(private readonly config: { token: string; phoneNumberId: string; apiBase: string }) {}

  async send(message: ProviderMessage): Promise<SendResult> {
    if (!message.template) return { ok: false, error: "no WhatsApp template for this message", permanent: true };
    const body = {
      messaging_product: "whatsapp",
      recipient_type: "individual",
      to: message.to.replace(/^\+/, ""),
      type: "template",
      template: {
        name: message.template.name,
        language: { code: message.language === "en" ? "en" : "id" },
        components: [{ type: "body", parameters: message.template.params.map((text) => ({ type: "text", text })) }],
      },
    };
    const result = await postJson(`${this.config.apiBase.replace(/\/$/, "")}/${encodeURIComponent(this.config.phoneNumberId)}/messages`, this.config.token, body);
    if (!result.ok) return result;
    const id = (result.json as { messages?: { id?: string }[] } | null)?.messages?.[0]?.id;
    if (!id) return { ok: false, error: "WhatsApp answered without a message id", permanent: false };
    return { ok: true, providerMessageId: id };
  }
}

/**
 * A generic HTTP SMS gateway (most Indonesian SMS resellers offer one): POST SMS_GATEWAY_URL with a JSON body
 * {to, from, text} and a bearer SMS_GATEWAY_TOKEN; any 2xx is accepted, an `id` (or `messageId`) in the
 * answer is kept.
 */
export class HttpSmsProvider implements MessagingProvider {
  readonly name = "sms-http";
  readonly channel = "SMS" as const;
  constructor(private readonly config: { url: string; token?: string; sender?: string }) {}

  async send(message: ProviderMessage): Promise<SendResult> {
    const result = await postJson(this.config.url, this.config.token, { to: message.to, from: this.config.sender ?? "Bermitra", text: message.text });
    if (!result.ok) return result;
    const json = result.json as { id?: unknown; messageId?: unknown } | null;
    const id = json?.id ?? json?.messageId;
    return { ok: true, providerMessageId: typeof id === "string" || typeof id === "number" ? `sms:${id}` : null };
  }
}

/** The demo's phone: where the local outbox writes each message it "sends" (like MAIL_DIR for email). */
export function messageDir(): string {
  return path.resolve(process.cwd(), process.env.MESSAGE_DIR ?? "data/messages");
}

/**
 * Development and the demo: nothing leaves the machine; the message stays in the outbox, readable (secrets
 * redacted) at /admin/messages, like /admin/emails, and its full text is written as a .txt file to MESSAGE_DIR
 * (default ./data/messages), as the email outbox writes .eml files to MAIL_DIR. Never used in production.
 */
export class LocalOutboxProvider implements MessagingProvider {
  readonly name = "local-outbox";
  constructor(readonly channel: MessageChannel) {}
  async send(message: ProviderMessage): Promise<SendResult> {
    const id = `local:${randomUUID()}`;
    const dir = messageDir();
    await mkdir(dir, { recursive: true });
    const file = `${new Date().toISOString().replace(/[:.]/g, "-")}-${this.channel}-${message.to.replace(/\D/g, "")}-${id.slice(6, 14)}.txt`;
    await writeFile(path.join(dir, file), `To: ${message.to}\nChannel: ${this.channel}\n${message.template ? `Template: ${message.template.name}\n` : ""}\n${message.text}\n`, "utf8");
    return { ok: true, providerMessageId: id };
  }
}

function localOutboxAllowed(): boolean {
  return process.env.NODE_ENV !== "production" || process.env.BERMITRA_DEMO === "1";
}

/** The provider configured for a channel, the local outbox in development, or null (channel unavailable). */
export function providerFor(channel: MessageChannel, env: NodeJS.ProcessEnv = process.env): MessagingProvider | null {
  if (channel === "WHATSAPP" && env.WHATSAPP_TOKEN && env.WHATSAPP_PHONE_NUMBER_ID) {
    return new WhatsAppCloudProvider({ token: env.WHATSAPP_TOKEN, phoneNumberId: env.WHATSAPP_PHONE_NUMBER_ID, apiBase: env.WHATSAPP_API_BASE ?? "https://graph.facebook.com/v21.0" });
  }
  if (channel === "SMS" && env.SMS_GATEWAY_URL) {
    return new HttpSmsProvider({ url: env.SMS_GATEWAY_URL, token: env.SMS_GATEWAY_TOKEN, sender: env.SMS_SENDER });
  }
  if (env.MESSAGING_LOCAL_OUTBOX === "0") return null;
  return localOutboxAllowed() ? new LocalOutboxProvider(channel) : null;
}

/**
 * Checks a WhatsApp webhook's X-Hub-Signature-256 header: "sha256=" + hex HMAC-SHA256 of the raw request body
 * with the app secret, compared in constant time. No secret configured: every delivery is refused.
 */
export function validWhatsAppSignature(rawBody: string | Buffer, header: string | null, appSecret: string | undefined): boolean {
  if (!appSecret || !header || !header.startsWith("sha256=")) return false;
  const expected = Buffer.from(createHmac("sha256", appSecret).update(rawBody).digest("hex"));
  const given = Buffer.from(header.slice("sha256=".length).trim().toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}
