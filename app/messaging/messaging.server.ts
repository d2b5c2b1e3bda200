import { db, type Db, type DbClient } from "~/db/db.server";
import { claimStatusOutbox, DEFAULT_CLAIM_TTL_MS, newClaimToken, releaseStatusClaims } from "~/jobs/claims.server";
import { enqueueEmail, parseSecrets } from "~/email/outbox.server";
import { redactSecrets } from "~/email/redact";
import type { MessageChannel } from "~/generated/prisma/enums";
import { recordAudit } from "~/audit/audit.server";
import type { Actor } from "~/auth/actor";
import { DomainError } from "~/domain/errors";
import { channelOrdersFor, MESSAGE_KIND_NAMES } from "./channel-options";
import { normaliseIndonesianPhone } from "./phone";
import { providerFor } from "./providers.server";

/**
 * WhatsApp and SMS beside email (issue 13 item 12, decision 096). A message is written to the TextMessage
 * outbox in the caller's transaction, on the first channel the person chose for that kind of message; the
 * `messaging` job delivers it through the channel's provider. A failure (refused at once, retries spent, or a
 * "failed" delivery status from WhatsApp) moves it to the next channel she chose: WhatsApp → SMS → email.
 */
export const MESSAGE_KINDS = MESSAGE_KIND_NAMES;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
export type Channel = MessageChannel | "EMAIL";
export const CHANNELS: Channel[] = ["WHATSAPP", "SMS", "EMAIL"];
const MAX_ATTEMPTS = 3;

/** Kinds that go to the phone first by default even for someone with an email: short-lived codes. */
const PHONE_FIRST: readonly MessageKind[] = ["signingCode", "loginCode"];

/**
 * The default order until she chooses (decision 109): codes go to the phone first (WhatsApp, SMS, then email);
 * everything else keeps going by email to someone who has an address (then WhatsApp, SMS), and to the phone
 * (WhatsApp, SMS) for someone who has only a mobile number.
 */
export function defaultChannels(user: { phone: string | null; email: string | null }, kind?: MessageKind): Channel[] {
  const phone: Channel[] = user.phone ? ["WHATSAPP", "SMS"] : [];
  const email: Channel[] = user.email ? ["EMAIL"] : [];
  return kind && !PHONE_FIRST.includes(kind) ? [...email, ...phone] : [...phone, ...email];
}

export function parseChannels(stored: string | null | undefined): Channel[] {
  if (!stored) return [];
  return [...new Set(stored.split(",").map((c) => c.trim()))].filter((c): c is Channel => (CHANNELS as string[]).includes(c));
}

/** The channels a person gets this kind of message on, in order, limited to the addresses she has. */
export async function channelsFor(client: DbClient, user: { id: string; phone: string | null; email: string | null }, kind: MessageKind): Promise<Channel[]> {
  const pref = await client.messagePreference.findUnique({ where: { userId_kind: { userId: user.id, kind } } });
  const chosen = pref ? parseChannels(pref.channels) : defaultChannels(user, kind);
  return chosen.filter((c) => (c === "EMAIL" ? !!user.email : !!user.phone));
}

export type OutgoingText = {
  kind: MessageKind;
  text: string;
  /** subject of the email, when email is (or becomes) the channel */
  subject: string;
  /** WhatsApp template name and its body parameters (approved templates: docs/decisions/096) */
  template: { name: string; params: string[] };
  secrets?: string[];
};

/**
 * Queues a message for a user on her first chosen phone channel, with the rest of her channels as the
 * fallback. Returns false when her first choice is email (or she has no phone): the caller sends its email
 * as before. Write it in the transaction of the change it reports.
 */
export async function sendToUser(client: DbClient, userId: string, message: OutgoingText): Promise<boolean> {
  const row = await client.user.findUnique({ where: { id: userId }, select: { id: true, phone: true, email: true, disabledAt: true } });
  if (!row || row.disabledAt) return false;
  // A landline or an unreadable number is no phone to message.
  const user = { ...row, phone: normaliseIndonesianPhone(row.phone) };
  const channels = await channelsFor(client, user, message.kind);
  const first = channels[0];
  if (!first || first === "EMAIL" || !user.phone) return false;
  await client.textMessage.create({
    data: {
      userId: user.id,
      to: user.phone,
      channel: first,
      kind: message.kind,
      text: message.text,
      template: JSON.stringify(message.template),
      emailSubject: message.subject,
      fallback: JSON.stringify(channels.slice(1)),
      secrets: message.secrets?.length ? JSON.stringify(message.secrets) : null,
    },
  });
  return true;
}

/**
 * A message to a person by whatever she chose for this kind: her phone channels (sendToUser), else email when
 * she has an address. Returns where it went ("EMAIL", "WHATSAPP", "SMS") or null when she cannot be reached.
 * Write it in the transaction of the change it reports.
 */
export async function deliverToUser(client: DbClient, userId: string, message: OutgoingText & { emailKind: string }): Promise<Channel | null> {
  if (await sendToUser(client, userId, message)) {
    const row = await client.textMessage.findFirst({ where: { userId, kind: message.kind }, orderBy: { createdAt: "desc" }, select: { channel: true } });
    return row?.channel ?? "WHATSAPP";
  }
  const user = await client.user.findUnique({ where: { id: userId }, select: { email: true, disabledAt: true } });
  if (!user?.email || user.disabledAt) return null;
  await enqueueEmail(client, { to: user.email, subject: message.subject, text: message.text, kind: message.emailKind, secrets: message.secrets });
  return "EMAIL";
}

type Row = Awaited<ReturnType<typeof db.textMessage.findFirstOrThrow>>;

function redacted(row: Pick<Row, "text" | "template" | "secrets">) {
  const secrets = parseSecrets(row.secrets);
  return { text: redactSecrets(row.text, secrets), template: row.template == null ? null : redactSecrets(row.template, secrets), secrets: null };
}

/**
 * The message failed on its channel: it is closed as FAILED (secrets redacted) and the next channel the
 * person chose gets a copy; email goes through the email outbox. Returns the channel fallen back to.
 */
export async function fallBack(client: DbClient, row: Row, error: string): Promise<Channel | null> {
  const closed = await client.textMessage.updateMany({ where: { id: row.id, status: { in: ["PENDING", "SENDING", "SENT"] } }, data: { status: "FAILED", lastError: error.slice(0, 500), ...redacted(row) } });
  if (closed.count !== 1) return null;
  const rest = parseChannels((JSON.parse(row.fallback ?? "[]") as string[]).join(","));
  const user = row.userId ? await client.user.findUnique({ where: { id: row.userId }, select: { email: true, phone: true, disabledAt: true } }) : null;
  for (let i = 0; i < rest.length; i++) {
    const next = rest[i]!;
    if (next === "EMAIL") {
      if (!user?.email || user.disabledAt) continue;
      await enqueueEmail(client, { to: user.email, subject: row.emailSubject ?? "[Bermitra]", text: row.text, kind: `message.${row.kind}`, secrets: parseSecrets(row.secrets) });
      return "EMAIL";
    }
    await client.textMessage.create({
      data: {
        userId: row.userId,
        to: row.to,
        channel: next,
        kind: row.kind,
        text: row.text,
        template: row.template,
        emailSubject: row.emailSubject,
        fallback: JSON.stringify(rest.slice(i + 1)),
        secrets: row.secrets,
        fallbackFromId: row.id,
      },
    });
    return next;
  }
  return null;
}

/**
 * The `messaging` job: delivers pending messages through their channel's provider (or falls back). The rows
 * are claimed first (decision 133), so however many processes or instances run it, each message goes to its
 * provider once; a run that has used half its claim's time gives the rest back.
 */
export async function sendPendingMessages(
  now: Date,
  limit = 50,
  { client = db, claimTtlMs = DEFAULT_CLAIM_TTL_MS }: { client?: Db; claimTtlMs?: number } = {},
): Promise<{ sent: number; failed: number; fellBack: number }> {
  const token = newClaimToken();
  const ids = await claimStatusOutbox(client, "TextMessage", { token, now, limit, ttlMs: claimTtlMs });
  const claimed = ids.length ? await client.textMessage.findMany({ where: { id: { in: ids }, claimedBy: token }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }) : [];
  const started = performance.now();
  let sent = 0;
  let failed = 0;
  let fellBack = 0;
  for (const [i, claimedRow] of claimed.entries()) {
    if (performance.now() - started > claimTtlMs / 2) {
      await releaseStatusClaims(client, "TextMessage", token, claimed.slice(i).map((m) => m.id));
      break;
    }
    // What fallBack and the admin outbox see is the message as it was before this claim.
    const row = { ...claimedRow, status: "PENDING" as const, claimedBy: null, claimedUntil: null };
    const mine = { id: row.id, claimedBy: token };
    const unclaimed = { claimedBy: null, claimedUntil: null };
    const provider = providerFor(row.channel);
    const user = row.userId ? await client.user.findUnique({ where: { id: row.userId }, select: { locale: true } }) : null;
    const result = provider
      ? await provider.send({ to: row.to, text: row.text, template: row.template ? (JSON.parse(row.template) as { name: string; params: string[] }) : null, language: user?.locale ?? "id" })
      : ({ ok: false, error: `no provider configured for ${row.channel}`, permanent: true } as const);
    if (result.ok) {
      await client.textMessage.updateMany({
        where: mine,
        data: { status: "SENT", provider: provider!.name, providerMessageId: result.providerMessageId, sentAt: now, attempts: { increment: 1 }, lastError: null, ...unclaimed, ...redacted(row) },
      });
      sent++;
      continue;
    }
    const attempts = row.attempts + 1;
    if (result.permanent || attempts >= MAX_ATTEMPTS) {
      await client.$transaction(async (tx) => {
        const still = await tx.textMessage.updateMany({ where: mine, data: { attempts, provider: provider?.name ?? null, ...unclaimed } });
        if (still.count === 1 && (await fallBack(tx, { ...row, attempts }, result.error))) fellBack++;
      });
      failed++;
    } else {
      await client.textMessage.updateMany({ where: mine, data: { status: "PENDING", attempts, lastError: result.error.slice(0, 500), provider: provider?.name ?? null, ...unclaimed } });
      failed++;
    }
  }
  return { sent, failed, fellBack };
}

type StatusUpdate = { id?: unknown; status?: unknown; errors?: { code?: unknown; title?: unknown }[] };

/**
 * A WhatsApp delivery-status webhook (already signature-checked): sent / delivered / read move the message
 * on; failed (e.g. the number has no WhatsApp) falls back to the next channel. Unknown ids are ignored.
 */
export async function applyWhatsAppStatuses(payload: unknown, now: Date): Promise<number> {
  const entries = (payload as { entry?: { changes?: { value?: { statuses?: StatusUpdate[] } }[] }[] } | null)?.entry ?? [];
  const statuses = entries.flatMap((e) => (e.changes ?? []).flatMap((c) => c.value?.statuses ?? []));
  let applied = 0;
  for (const s of statuses) {
    if (typeof s.id !== "string" || typeof s.status !== "string") continue;
    const row = await db.textMessage.findUnique({ where: { providerMessageId: s.id } });
    if (!row || row.channel !== "WHATSAPP") continue;
    if (s.status === "failed") {
      const reason = (s.errors ?? []).map((e) => `${String(e.code ?? "")} ${String(e.title ?? "")}`.trim()).join("; ") || "failed";
      await db.$transaction((tx) => fallBack(tx, row, `WhatsApp: ${reason}`));
      applied++;
    } else if (s.status === "delivered" || s.status === "read") {
      const status = s.status === "read" ? "READ" : "DELIVERED";
      await db.textMessage.updateMany({ where: { id: row.id, status: { in: ["SENT", "DELIVERED"] } }, data: { status, deliveredAt: row.deliveredAt ?? now } });
      applied++;
    }
  }
  return applied;
}

/** Which channels have a real provider configured (the rest use the local outbox in development). */
export function textChannelsConfigured(env: NodeJS.ProcessEnv = process.env): Record<MessageChannel, boolean> {
  return { WHATSAPP: !!(env.WHATSAPP_TOKEN && env.WHATSAPP_PHONE_NUMBER_ID), SMS: !!env.SMS_GATEWAY_URL };
}

/** The admin outbox of text messages, secrets always redacted (like /admin/emails). */
export async function listTextMessages(options: { to?: string; take?: number; skip?: number } = {}) {
  // "0812-7000-1001" finds "+6281270001001"; a part of a number is looked for as digits
  const wanted = options.to ? (normaliseIndonesianPhone(options.to) ?? options.to.replace(/\D/g, "").replace(/^0/, "")) : "";
  const where = wanted ? { to: { contains: wanted } } : {};
  const [rows, total] = await Promise.all([
    db.textMessage.findMany({ where, orderBy: { createdAt: "desc" }, take: options.take ?? 50, skip: options.skip ?? 0 }),
    db.textMessage.count({ where }),
  ]);
  return {
    total,
    messages: rows.map((r) => ({ id: r.id, to: r.to, channel: r.channel, kind: r.kind, status: r.status, provider: r.provider, lastError: r.lastError, createdAt: r.createdAt, text: redactSecrets(r.text, parseSecrets(r.secrets)) })),
  };
}

/** A person's channel choices per kind of message (the account page). */
export async function messagePreferences(userId: string) {
  const row = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, phone: true, email: true } });
  const user = { ...row, phone: normaliseIndonesianPhone(row.phone) };
  const stored = await db.messagePreference.findMany({ where: { userId } });
  const byKind = new Map(stored.map((p) => [p.kind, parseChannels(p.channels)]));
  return { hasPhone: !!user.phone, hasEmail: !!user.email, kinds: MESSAGE_KINDS.map((kind) => ({ kind, channels: byKind.get(kind) ?? defaultChannels(user, kind) })) };
}

/**
 * The account page's choices: for each kind one of the orders of `channelOrdersFor` (what she has). Anything else
 * is refused next to that kind's field and nothing is saved. Audited as user.messagePreferences.
 */
export async function chooseMessageChannels(actor: Pick<Actor, "actorId" | "actorName" | "ip">, choices: Partial<Record<string, string>>) {
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.actorId }, select: { id: true, phone: true, email: true } });
  const allowed = channelOrdersFor({ phone: !!normaliseIndonesianPhone(user.phone), email: !!user.email }) as string[];
  const parsed: Partial<Record<MessageKind, Channel[]>> = {};
  for (const kind of MESSAGE_KINDS) {
    const value = choices[kind];
    if (value === undefined || value === "") continue;
    if (!allowed.includes(value)) throw new DomainError("validation:choose", {}, `channels.${kind}`);
    parsed[kind] = parseChannels(value);
  }
  await saveMessagePreferences(user.id, parsed, actor);
}

export async function saveMessagePreferences(userId: string, choices: Partial<Record<MessageKind, Channel[]>>, actor?: Pick<Actor, "actorId" | "actorName" | "ip">) {
  await db.$transaction(async (tx) => {
    if (actor) await recordAudit(tx, actor, { action: "user.messagePreferences", entityType: "User", entityId: userId, after: Object.fromEntries(Object.entries(choices).map(([k, v]) => [k, v!.join(",")])) });
    for (const kind of MESSAGE_KINDS) {
      const channels = choices[kind];
      if (!channels) continue;
      await tx.messagePreference.upsert({ where: { userId_kind: { userId, kind } }, create: { userId, kind, channels: channels.join(",") }, update: { channels: channels.join(",") } });
    }
  });
}
