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
  /** files attached at delivery, read from UPLOAD_DIR by key (the sealed MoU PDF) */
  attachments?: EmailAttachment[];
};

export type EmailAttachment = { filename: string; key: string; contentType: string };

export function parseAttachments(stored: string | null): EmailAttachment[] {
  if (!stored) return [];
  try {
    const parsed: unknown = JSON.parse(stored);
    if (!Array.isArray(parsed)) return [];
    return parsed.filter((a): a is EmailAttachment => !!a && typeof a === "object" && typeof a.filename === "string" && typeof a.key === "string" && typeof a.contentType === "string");
  } catch {
    return [];
  }
}

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
      attachments: email.attachments?.length ? JSON.stringify(email.attachments) : null,
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
      select: { id: true, to: true, subject: true, text: true, kind: true, status: true, attempts: true, lastError: true, sentAt: true, createdAt: true, secrets: true, attachments: true },
    }),
    db.emailMessage.count({ where }),
  ]);
  const messages = rows.map(({ secrets, text, attachments, ...m }) => ({ ...m, text: redactSecrets(text, parseSecrets(secrets)), attachments: parseAttachments(attachments).map((a) => a.filename) }));
  return { messages, total };
}

/** Counts for the admin console. */
export async function outboxCounts() {
  const [pending, failed] = await Promise.all([db.emailMessage.count({ where: { status: "PENDING" } }), db.emailMessage.count({ where: { status: "FAILED" } })]);
  return { pending, failed };
}
