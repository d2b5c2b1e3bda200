import { db, type DbClient } from "~/db/db.server";

export type OutgoingEmail = { to: string; subject: string; text: string; html?: string; kind: string };

/**
 * Queues an email in the outbox table. Write it in the same transaction as the change it reports;
 * the sender (sender.server.ts) delivers it afterwards and retries on failure.
 */
export async function enqueueEmail(client: DbClient, email: OutgoingEmail) {
  return client.emailMessage.create({
    data: { to: email.to.toLowerCase(), subject: email.subject, text: email.text, html: email.html ?? null, kind: email.kind },
  });
}

export async function listEmails(options: { to?: string; take?: number; skip?: number } = {}) {
  const where = options.to ? { to: options.to.toLowerCase() } : {};
  const [messages, total] = await Promise.all([
    db.emailMessage.findMany({ where, orderBy: { createdAt: "desc" }, take: options.take ?? 50, skip: options.skip ?? 0 }),
    db.emailMessage.count({ where }),
  ]);
  return { messages, total };
}
