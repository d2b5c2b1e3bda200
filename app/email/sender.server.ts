import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer, { type Transporter } from "nodemailer";
import { db } from "~/db/db.server";
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

export async function sendPendingEmails(limit = 50): Promise<{ sent: number; failed: number }> {
  const pending = await db.emailMessage.findMany({
    where: { status: "PENDING" },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  let sent = 0;
  let failed = 0;
  for (const message of pending) {
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
      await db.emailMessage.update({
        where: { id: message.id },
        data: { status: "SENT", sentAt: new Date(), attempts: { increment: 1 }, lastError: null, ...redacted(message) },
      });
      sent++;
    } catch (error) {
      const attempts = message.attempts + 1;
      await db.emailMessage.update({
        where: { id: message.id },
        data: { attempts, lastError: String(error).slice(0, 500), ...(attempts >= MAX_ATTEMPTS ? { status: "FAILED", ...redacted(message) } : { status: "PENDING" }) },
      });
      failed++;
    }
  }
  return { sent, failed };
}
