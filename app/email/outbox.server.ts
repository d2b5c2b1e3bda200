import { db, type DbClient } from "~/db/db.server";
import { redactSecrets } from "./redact";

export type OutgoingEmail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  kind: string;
  /**
   * The live secrets in the message (a signing or reset link's token, a one-time code). They are
   * delivered, then replaced in the stored copy; nobody reading the outbox ever sees a usable one.
   */
  secrets?: string[];
};

/**
 * Queues an email in the outbox table. Write it in the same transaction as the change it reports;
 * the sender (sender.server.ts) delivers it afterwards and retries on failure.
 */
export async function enqueueEmail(client: DbClient, email: OutgoingEmail) {
  const secrets = (email.secrets ?? []).filter((s) => s.length > 0);
  return client.emailMessage.create({
    data: {
      to: email.to.toLowerCase(),
      subject: email.subject,
      text: email.text,
      html: email.html ?? null,
      kind: email.kind,
      secrets: secrets.length ? JSON.stringify(secrets) : null,
    },
  });
}

export function parseSecrets(stored: string | null): string[] {
  if (!stored) return [];
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed) ? parsed.filter((s): s is string => typeof s === "string") : [];
  } catch {
    return [];
  }
}

/**
 * The admin outbox view: every message with its secrets redacted, whether it is still pending or not
 * (an admin reading the outbox must not be able to reset someone's password or sign for them).
 */
export async function listEmails(options: { to?: string; take?: number; skip?: number } = {}) {
  const where = options.to ? { to: options.to.toLowerCase() } : {};
  const [rows, total] = await Promise.all([
    db.emailMessage.findMany({
      where,
      orderBy: { createdAt: "desc" },
      take: options.take ?? 50,
      skip: options.skip ?? 0,
      select: { id: true, to: true, subject: true, text: true, kind: true, status: true, attempts: true, lastError: true, sentAt: true, createdAt: true, secrets: true },
    }),
    db.emailMessage.count({ where }),
  ]);
  const messages = rows.map(({ secrets, text, ...m }) => ({ ...m, text: redactSecrets(text, parseSecrets(secrets)) }));
  return { messages, total };
}

/** Counts for the admin console. */
export async function outboxCounts() {
  const [pending, failed] = await Promise.all([db.emailMessage.count({ where: { status: "PENDING" } }), db.emailMessage.count({ where: { status: "FAILED" } })]);
  return { pending, failed };
}
