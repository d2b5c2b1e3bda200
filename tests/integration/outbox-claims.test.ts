import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { createPrismaClient, db, type Db } from "~/db/db.server";
import { enqueueEmail } from "~/email/outbox.server";
import { sendPendingEmails } from "~/email/sender.server";
import { claimStatusOutbox, releaseStatusClaims } from "~/jobs/claims.server";
import { sendPendingMessages } from "~/messaging/messaging.server";
import { processSearchOutbox } from "~/search/outbox.server";
import { startMessagingStandIn } from "../helpers/messaging-standin";
import { startSmtpStandIn } from "../helpers/smtp-standin";

const run = promisify(execFile);

/**
 * Outbox claims (decision 133): however many senders run at once — extra Prisma clients with their own
 * connections stand for other instances, and the last test races OS processes — each email, text message
 * and search update is handed to its transport once. The transports are LOOPBACK STAND-INS at the network
 * boundary (an SMTP server, the WhatsApp/SMS HTTP APIs; Meilisearch's apply is a recording object): they
 * count what they receive. Runs on SQLite and on PostgreSQL.
 */
let smtp: Awaited<ReturnType<typeof startSmtpStandIn>>;
let texts: Awaited<ReturnType<typeof startMessagingStandIn>>;
const others: Db[] = [];

beforeAll(async () => {
  smtp = await startSmtpStandIn({ delayMs: 5 });
  texts = await startMessagingStandIn();
  Object.assign(process.env, { SMTP_URL: smtp.url, SMS_GATEWAY_URL: texts.smsUrl, SMS_GATEWAY_TOKEN: "sms-test-token" });
  for (let i = 0; i < 3; i++) others.push(createPrismaClient(process.env.DATABASE_URL));
  // Whatever the seed left in the outboxes is not this test's: delivered before the races start.
  for (let n = 1; n > 0; ) n = (await sendPendingEmails(500, { now: T0 })).sent;
  await sendPendingMessages(T0, 500);
  smtp.received.length = 0;
  texts.requests.length = 0;
});
afterAll(async () => {
  for (const k of ["SMTP_URL", "SMS_GATEWAY_URL", "SMS_GATEWAY_TOKEN"]) delete process.env[k];
  for (const client of others) await client.$disconnect();
  await smtp.close();
  await texts.close();
});

const T0 = new Date("2026-11-17T03:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const countBy = (values: string[]) => values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>());

async function queueEmails(tag: string, n: number) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await enqueueEmail(db, { to: `warga${i}@contoh.id`, subject: `${tag} ${i}`, text: `Pesan ${i}`, kind: "test" })).id);
  return ids;
}

/** Runs the sender from every client at once, again and again, until none of them claims anything. */
async function drainConcurrently(send: (client: Db) => Promise<{ sent: number; failed: number }>) {
  let total = 0;
  for (;;) {
    const results = await Promise.all([db, ...others].flatMap((client) => [send(client), send(client)]));
    const moved = results.reduce((s, r) => s + r.sent + r.failed, 0);
    total += results.reduce((s, r) => s + r.sent, 0);
    if (moved === 0) return total;
  }
}

describe("outbox claims", () => {
  it("delivers each email once when eight senders on four connections race over the same pending rows", async () => {
    const ids = await queueEmails("race", 40);
    const sent = await drainConcurrently((client) => sendPendingEmails(7, { client, now: T0 }));
    const mine = smtp.received.filter((m) => m.subject.startsWith("race "));
    expect(mine).toHaveLength(40);
    expect([...countBy(mine.map((m) => m.subject)).values()].every((c) => c === 1)).toBe(true);
    expect(sent).toBe(40);
    const rows = await db.emailMessage.findMany({ where: { id: { in: ids } } });
    expect(rows.every((r) => r.status === "SENT" && r.attempts === 1 && r.claimedBy === null)).toBe(true);
  });

  it("retakes a claim whose holder died once it has expired, and the dead holder can no longer give it back", async () => {
    const ids = await queueEmails("orphan", 3);
    // A sender claims the rows and dies before delivering them.
    const claimed = await claimStatusOutbox(db, "EmailMessage", { token: "dead-holder", now: T0, limit: 500, ttlMs: 60_000 });
    expect(claimed).toEqual(expect.arrayContaining(ids));
    expect((await db.emailMessage.findMany({ where: { id: { in: ids } } })).map((r) => r.status)).toEqual(["SENDING", "SENDING", "SENDING"]);
    // While the claim runs, other senders leave the rows alone.
    expect((await sendPendingEmails(500, { client: others[0], now: at(59_999) })).sent).toBe(0);
    expect(smtp.received.filter((m) => m.subject.startsWith("orphan "))).toHaveLength(0);
    // Expired: the next sender takes them over and delivers each once.
    expect((await sendPendingEmails(500, { client: others[1], now: at(60_000) })).sent).toBe(3);
    expect(smtp.received.filter((m) => m.subject.startsWith("orphan ")).map((m) => m.subject).sort()).toEqual(["orphan 0", "orphan 1", "orphan 2"]);
    // The old holder, back from its pause, cannot put them back in the queue.
    await releaseStatusClaims(db, "EmailMessage", "dead-holder", ids);
    expect((await db.emailMessage.findMany({ where: { id: { in: ids } } })).every((r) => r.status === "SENT")).toBe(true);
    expect((await sendPendingEmails(500, { now: at(10 * 60_000) })).sent).toBe(0);
  });

  it("sends each text message to the provider once when senders race, and retakes an expired claim", async () => {
    const rows = [];
    for (let i = 0; i < 24; i++) rows.push(await db.textMessage.create({ data: { to: `+6281270009${String(i).padStart(3, "0")}`, channel: "SMS", kind: "orderReminder", text: `Pengingat ${i}` } }));
    const sent = await drainConcurrently(async (client) => sendPendingMessages(T0, 5, { client }));
    expect(sent).toBe(24);
    const delivered = texts.requests.filter((r) => r.path === "/sms").map((r) => String(r.body.to ?? r.body.phone ?? JSON.stringify(r.body)));
    expect(delivered).toHaveLength(24);
    expect(countBy(delivered).size).toBe(24);
    const after = await db.textMessage.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
    expect(after.every((r) => r.status === "SENT" && r.claimedBy === null && r.providerMessageId)).toBe(true);

    const orphan = await db.textMessage.create({ data: { to: "+6281270009999", channel: "SMS", kind: "orderReminder", text: "Yatim" } });
    await claimStatusOutbox(db, "TextMessage", { token: "dead-holder", now: T0, limit: 500, ttlMs: 60_000 });
    expect((await sendPendingMessages(at(30_000), 500, { client: others[2] })).sent).toBe(0);
    expect((await sendPendingMessages(at(60_000), 500, { client: others[2] })).sent).toBe(1);
    expect((await db.textMessage.findUniqueOrThrow({ where: { id: orphan.id } })).status).toBe("SENT");
    expect(texts.requests.filter((r) => r.path === "/sms")).toHaveLength(25);
  });

  it("processes each search-outbox row once, and never one product in two runs at the same time", async () => {
    const products = await db.product.findMany({ where: { status: "ACTIVE" }, take: 12, orderBy: { id: "asc" }, select: { id: true } });
    expect(products.length).toBeGreaterThanOrEqual(6);
    await db.searchOutbox.deleteMany({});
    for (const round of [0, 1]) for (const p of products) await db.searchOutbox.create({ data: { productId: p.id, op: "UPSERT", createdAt: at(round), nextAttemptAt: T0 } });
    // Stands in for the Meilisearch backend (its HTTP API cannot run here): records what each run applies.
    const inFlight = new Set<string>();
    const overlaps: string[] = [];
    const applied: string[] = [];
    const backend = {
      async apply(upserts: { id: string }[], deletes: string[]) {
        const ids = [...upserts.map((d) => d.id), ...deletes];
        for (const id of ids) {
          (inFlight.has(id) ? overlaps : applied).push(id);
          inFlight.add(id);
        }
        await new Promise((r) => setTimeout(r, 15));
        for (const id of ids) inFlight.delete(id);
      },
    };
    let processed = 0;
    for (;;) {
      const results = await Promise.all([db, ...others].flatMap((client) => [processSearchOutbox(client, backend, at(1_000), 5), processSearchOutbox(client, backend, at(1_000), 5)]));
      const n = results.reduce((s, r) => s + r.sent, 0);
      processed += n;
      if (n === 0) break;
    }
    expect(overlaps).toEqual([]);
    expect(processed).toBe(products.length * 2);
    expect(await db.searchOutbox.count({ where: { processedAt: null } })).toBe(0);
    expect(new Set(applied)).toEqual(new Set(products.map((p) => p.id)));
  });

  it("delivers each email once when three OS processes run the sender at the same instant", async () => {
    await queueEmails("procs", 30);
    const startAt = Date.now() + 8_000; // time for the child processes to boot
    const results = await Promise.all(
      [1, 2, 3].map(async () => {
        const { stdout } = await run("npx", ["tsx", "tests/integration/outbox-claims-child.ts", String(startAt), T0.toISOString(), "4"], {
          env: { ...process.env, BERMITRA_JOBS: "off" },
          timeout: 60_000,
        });
        return JSON.parse(stdout.trim().split("\n").pop()!) as { sent: number; failed: number };
      }),
    );
    expect(results.reduce((s, r) => s + r.sent, 0)).toBe(30);
    const mine = smtp.received.filter((m) => m.subject.startsWith("procs "));
    expect(mine).toHaveLength(30);
    expect(countBy(mine.map((m) => m.subject)).size).toBe(30);
  }, 90_000);
});
