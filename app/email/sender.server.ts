import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { db, type Db } from "~/db/db.server";
import { claimStatusOutbox, DEFAULT_CLAIM_TTL_MS, newClaimToken, releaseStatusClaims } from "~/jobs/claims.server";
import { parseAttachments, parseSecrets, type EmailAttachment } from "./outbox.server";
import { redactSecrets } from "./redact";
import { getObject } from "~/storage/object-store.server";

/**
 * Delivers queued emails. With SMTP_URL set (smtp://user:pass@host:587) through SMTP; otherwise the
 * messages are written as .eml files to MAIL_DIR (default ./data/mail: the demo's mailbox) and shown, with
 * their secrets redacted, at /admin/emails. Once a message is delivered (or given up) the stored copy keeps
 * no live secret: its signing/reset links and codes are replaced (decision 062).
 */
const MAX_ATTEMPTS = 5;

let transporter: Transporter | undefined;
function getTransporter(): Transporter {
  if (!transporter) {
    transporter = process.env.SMTP_URL
      ? nodemailer.createTransport(process.env.SMTP_URL)
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  }
  return transporter;
}

export function mailDir(): string {
  return path.resolve(process.cwd(), process.env.MAIL_DIR ?? "data/mail");
}

/** Attachments are keys of the object store (a sealed MoU PDF); a missing one fails the send, which retries. */
async function nodemailerAttachments(list: EmailAttachment[]) {
  return Promise.all(
    list.map(async (a) => {
      const content = await getObject(a.key);
      if (!content) throw new Error(`attachment not in the store: ${a.key}`);
      return { filename: a.filename, content, contentType: a.contentType };
    }),
  );
}

const FROM = () => process.env.MAIL_FROM ?? "Bermitra <noreply@bermitra.id>";

/** The stored copy of a message once it has left: secrets replaced, the list of them dropped. */
function redacted(message: { text: string; html: string | null; secrets: string | null }) {
  const secrets = parseSecrets(message.secrets);
  return { text: redactSecrets(message.text, secrets), html: message.html == null ? null : redactSecrets(message.html, secrets), secrets: null };
}

export type SenderOptions = {
  /** the database client (tests pass a second one to stand for a second instance) */
  client?: Db;
  now?: Date;
  claimTtlMs?: number;
};

/**
 * Delivers up to `limit` queued emails, oldest first. The rows are claimed first (decision 133): only this
 * run delivers them, however many processes or instances run the sender at once. A run that has used half
 * its claim's time stops and gives the rest back, so no claim runs out while its holder still sends.
 */
export async function sendPendingEmails(limit = 50, { client = db, now = new Date(), claimTtlMs = DEFAULT_CLAIM_TTL_MS }: SenderOptions = {}): Promise<{ sent: number; failed: number }> {
  const token = newClaimToken();
  const ids = await claimStatusOutbox(client, "EmailMessage", { token, now, limit, ttlMs: claimTtlMs });
  const claimed = ids.length ? await client.emailMessage.findMany({ where: { id: { in: ids }, claimedBy: token }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }) : [];
  const started = performance.now();
  let sent = 0;
  let failed = 0;
  for (const [i, message] of claimed.entries()) {
    if (performance.now() - started > claimTtlMs / 2) {
      await releaseStatusClaims(client, "EmailMessage", token, claimed.slice(i).map((m) => m.id));
      break;
    }
    const mine = { id: message.id, claimedBy: token };
    const unclaimed = { claimedBy: null, claimedUntil: null };
    try {
      const info = await getTransporter().sendMail({
        from: FROM(),
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? undefined,
        attachments: await nodemailerAttachments(parseAttachments(message.attachments)),
      });
      if (!process.env.SMTP_URL) {
        const dir = mailDir();
        await mkdir(dir, { recursive: true });
        const raw = (info as unknown as { message: Buffer }).message;
        await writeFile(path.join(dir, `${message.createdAt.getTime()}-${message.id}.eml`), raw);
      }
      await client.emailMessage.updateMany({
        where: mine,
        data: { status: "SENT", sentAt: new Date(), attempts: { increment: 1 }, lastError: null, ...unclaimed, ...redacted(message) },
      });
      sent++;
    } catch (error) {
      const attempts = message.attempts + 1;
      await client.emailMessage.updateMany({
        where: mine,
        data: { attempts, lastError: String(error).slice(0, 500), ...unclaimed, ...(attempts >= MAX_ATTEMPTS ? { status: "FAILED", ...redacted(message) } : { status: "PENDING" }) },
      });
      failed++;
    }
  }
  return { sent, failed };
}
