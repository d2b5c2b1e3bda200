/**
 * Two app instances on one PostgreSQL database (issue 15 item 6, decision 134). Two production launchers
 * (`tsx server.ts` on the built app, one web process each, background jobs on in both) share the test's
 * PostgreSQL database and an S3 bucket — and nothing else: each has its own empty UPLOAD_DIR, so a file can
 * only reach the other instance through the bucket. A round-robin proxy on loopback stands for the load
 * balancer. Everything goes through real HTTP form posts, as a browser sends them, through the proxy and
 * directly at each instance, concurrently. The bucket is s3rver, a local STAND-IN for S3 (labelled as such:
 * the only thing not real here, because no S3 service can run on this machine).
 *
 * Runs on PostgreSQL only (TEST_POSTGRES_URL): SQLite is one file on one machine, served by one launcher
 * with its cluster workers (tests/e2e/cluster.spec.ts covers that). Needs the build (`remix build`), which
 * `npm test` makes before the Vitest step; it is built here when missing.
 */
import { execSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import S3rver from "s3rver";
import sharp from "sharp";
import { db } from "~/db/db.server";
import { addDays } from "~/orders/numbers";
import { dayKey } from "~/time/calendar";
import { TMP_DIR } from "../setup/paths";
import { Browser, freePort, roundRobinProxy, startInstance, type AppInstance, type Proxy } from "../helpers/app-instances";

const onPostgres = Boolean(process.env.TEST_POSTGRES_URL?.trim());
const BUCKET = "bermitra-two-instances";
const PREFIX = "province";

let s3: S3rver;
let bucketDir: string;
let runDir: string;
let mailDir: string;
let a: AppInstance;
let b: AppInstance;
let proxy: Proxy;
let startedAt: Date;

/** Every file under `dir` (the instances' own upload folders must stay empty). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The bytes the stand-in holds for `key` (its folder mirrors the bucket). */
function bucketObject(key: string): Buffer {
  return readFileSync(path.join(bucketDir, BUCKET, PREFIX, `${key}._S3rver_object`));
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe.runIf(onPostgres)("two app instances on one PostgreSQL database", () => {
  beforeAll(async () => {
    if (!existsSync("build/index.js")) execSync("npx remix build", { stdio: "ignore" });
    runDir = mkdtempSync(path.join(path.resolve(TMP_DIR), "two-instances-"));
    bucketDir = path.join(runDir, "bucket");
    mailDir = path.join(runDir, "mail");
    mkdirSync(bucketDir);
    s3 = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: bucketDir, configureBuckets: [{ name: BUCKET, configs: [] }] });
    const { port: s3Port } = (await s3.run()) as { port: number };
    // The clock of the run is pinned (tests/setup/clock.ts) and inherited by the instances; the SDK would
    // correct its clock from the stand-in's Date header (the machine's): the stand-in sends none.
    (s3 as unknown as { httpServer: import("node:http").Server }).httpServer.prependListener("request", (_request, response) => {
      response.sendDate = false;
    });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: "production",
      // production configuration, shared by both instances as a deployment shares it
      SESSION_SECRET: "two-instances-test-secret-0123456789abcdef",
      NIK_HASH_KEY: "two-instances-test-nik-key-0123456789",
      S3_BUCKET: BUCKET,
      S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
      S3_FORCE_PATH_STYLE: "1",
      S3_REGION: "us-east-1",
      // s3rver's built-in key pair: the stand-in checks every request's signature with it
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      S3_PREFIX: PREFIX,
      // the demo's mailbox: without SMTP each delivered email is one .eml file here
      MAIL_DIR: mailDir,
      MESSAGE_DIR: path.join(runDir, "messages"),
    };
    // background jobs on in both (the test setup turns them off for in-process tests)
    delete env.BERMITRA_JOBS;
    delete env.BERMITRA_DEMO;
    startedAt = new Date();
    const [portA, portB] = [await freePort(), await freePort()];
    [a, b] = await Promise.all([
      startInstance("A", portA, { ...env, UPLOAD_DIR: path.join(runDir, "uploads-a") }),
      startInstance("B", portB, { ...env, UPLOAD_DIR: path.join(runDir, "uploads-b") }),
    ]);
    proxy = await roundRobinProxy([a, b]);
  }, 180_000);

  afterAll(async () => {
    await proxy?.close();
    await Promise.all([a?.stop(), b?.stop()]);
    await s3?.close();
    if (runDir) rmSync(runDir, { recursive: true, force: true });
  });

  it("a session opened on one instance is valid on the other and through the proxy", async () => {
    const fromA = await new Browser(a.base).logIn("mitra@bermitra.id");
    for (const at of [a.base, b.base, proxy.base, proxy.base]) {
      const response = await fromA.at(at).get("/partner");
      expect(response.status, at).toBe(200);
    }
    const viaProxy = await new Browser(proxy.base).logIn("kelompok@bermitra.id");
    for (const at of [a.base, b.base]) expect((await viaProxy.at(at).get("/group")).status, at).toBe(200);
    // an unknown session is nobody's, on either instance
    for (const at of [a.base, b.base]) {
      const response = await new Browser(at, "bermitra_session=forged").get("/partner");
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toMatch(/\/login/);
    }
    expect(proxy.served.get("A")).toBeGreaterThan(0);
    expect(proxy.served.get("B")).toBeGreaterThan(0);
  });

  it("orders placed and accepted through both instances at once: no oversell, unique gapless invoice numbers, a photo sent through one served by the other, every email once", async () => {
    const group = await db.group.findUniqueOrThrow({ where: { slug: "kpm-melati-sisir" } });
    const partner = await db.partner.findUniqueOrThrow({ where: { slug: "hotel-taman-sari-batu" } });
    const product = await db.product.findFirstOrThrow({
      where: { groupId: group.id, status: "ACTIVE" },
      orderBy: { slug: "asc" },
      include: { deliveryAreas: true, certifications: true, photos: true },
    });
    const chairA = await new Browser(a.base).logIn("kelompok@bermitra.id");
    const chairB = chairA.at(b.base);
    const buyerA = await new Browser(a.base).logIn("mitra@bermitra.id");
    const buyerB = buyerA.at(b.base);
    const buyerProxy = buyerA.at(proxy.base);

    // The public product page, read once through B (so B's page cache holds it) and once through A.
    const page = `/products/${product.slug}`;
    const photoLinks = async (at: string) => [...(await (await fetch(`${at}${page}`)).text()).matchAll(/\/media\/products\/([a-f0-9]{24})-lg\.webp/g)].map((m) => m[1]);
    const before = new Set(await photoLinks(b.base));
    await photoLinks(a.base);

    // 1. Through A, the chair sets the weekly capacity to 100 and adds a photo (the product form, multipart).
    const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#2f855a" } }).png().toBuffer();
    const form = new FormData();
    const fields: Record<string, string | number> = {
      intent: "save",
      name: product.name,
      categoryId: product.categoryId,
      description: product.description,
      unit: product.unit,
      priceRupiah: product.priceRupiah,
      minOrderQty: 1,
      weeklyCapacity: 100,
      leadTimeDays: product.leadTimeDays,
    };
    for (const [name, value] of Object.entries(fields)) form.append(name, String(value));
    for (const area of product.deliveryAreas) form.append("deliveryAreaIds[]", area.kecamatanId);
    for (const cert of product.certifications) {
      form.append(`certNumber_${cert.kind}`, cert.number);
      if (cert.expiresAt) form.append(`certExpiry_${cert.kind}`, dayKey(cert.expiresAt));
    }
    form.append("photos", new Blob([png], { type: "image/png" }), "kue-basah.png");
    const saved = await chairA.post(`/groups/${group.id}/products/${product.id}`, form);
    expect(saved.status, await saved.clone().text()).toBe(302);
    const updated = await db.product.findUniqueOrThrow({ where: { id: product.id }, include: { photos: { orderBy: { createdAt: "desc" } } } });
    expect(updated.weeklyCapacity).toBe(100);
    const newPhoto = updated.photos.find((p) => !product.photos.some((old) => old.id === p.id))!;
    expect(newPhoto).toBeDefined();

    // B serves the photo A received, byte for byte what the bucket holds; neither instance wrote it to disk.
    const fromB = await fetch(`${b.base}/media/products/${newPhoto.fileKey}-lg.webp`);
    expect(fromB.status).toBe(200);
    expect(fromB.headers.get("content-type")).toBe("image/webp");
    const servedBytes = Buffer.from(await fromB.arrayBuffer());
    expect(servedBytes.equals(bucketObject(`products/${newPhoto.fileKey}-lg.webp`))).toBe(true);
    expect((await sharp(servedBytes).metadata()).width).toBeGreaterThan(0);
    // and B's cached public page shows it (the change reached B's page cache through the database)
    expect(before.has(newPhoto.fileKey)).toBe(false);
    await waitFor("B's product page to show the new photo", async () => (await photoLinks(b.base)).includes(newPhoto.fileKey), 10_000);

    // 2. Six orders of 40 for one delivery day, placed at once: two through A, two through B, two through the proxy.
    const deliveryDate = dayKey(addDays(new Date(), 7 * 30));
    const buyers = [buyerA, buyerB, buyerProxy, buyerA, buyerB, buyerProxy];
    const placed = await Promise.all(
      buyers.map((buyer) =>
        buyer.post("/partner/orders/new", { groupId: group.id, deliveryDate, deliveryAddress: partner.address, [`qty-${product.id}`]: "40" }),
      ),
    );
    const orderIds = placed.map((response) => {
      expect(response.status).toBe(302);
      const match = /\/orders\/([^?/]+)\?done=placed/.exec(response.headers.get("location") ?? "");
      expect(match).not.toBeNull();
      return match![1]!;
    });
    expect(new Set(orderIds).size).toBe(6);

    // 3. The six accepts race for a capacity of 100, three through each instance: exactly two win.
    const accepts = await Promise.all(orderIds.map((id, i) => (i % 2 ? chairB : chairA).post(`/orders/${id}`, { intent: "accept", confirm: "yes" })));
    const statuses = accepts.map((r) => r.status);
    expect(statuses.filter((s) => s === 302)).toHaveLength(2);
    expect(statuses.filter((s) => s === 400)).toHaveLength(4);
    // the refused ones see the page again with the reason (the chair's language is Indonesian)
    expect(await accepts.find((r) => r.status === 400)!.text()).toMatch(/Kapasitas mingguan [^<]*\(100\) akan terlampaui/);
    const day = await db.order.findMany({ where: { id: { in: orderIds } }, include: { lines: true } });
    const acceptedIds = day.filter((o) => o.status === "ACCEPTED").map((o) => o.id);
    expect(acceptedIds).toHaveLength(2);
    expect(day.filter((o) => o.status === "ACCEPTED").flatMap((o) => o.lines).reduce((sum, l) => sum + l.quantity, 0)).toBeLessThanOrEqual(100);

    // 4. Four small orders for another week, accepted at once through both instances.
    const otherDay = dayKey(addDays(new Date(), 7 * 32));
    const small = await Promise.all(
      [buyerA, buyerB, buyerA, buyerB].map((buyer) => buyer.post("/partner/orders/new", { groupId: group.id, deliveryDate: otherDay, deliveryAddress: partner.address, [`qty-${product.id}`]: "5" })),
    );
    const smallIds = small.map((r) => /\/orders\/([^?/]+)/.exec(r.headers.get("location") ?? "")![1]!);
    const smallAccepts = await Promise.all(smallIds.map((id, i) => (i % 2 ? chairA : chairB).post(`/orders/${id}`, { intent: "accept", confirm: "yes" })));
    expect(smallAccepts.map((r) => r.status)).toEqual([302, 302, 302, 302]);
    const accepted = [...acceptedIds, ...smallIds];

    // 5. Shipped by the group, received by the partner (the handover photo of the first through A), then
    //    all six invoiced at once through both instances.
    for (const [i, id] of accepted.entries()) expect((await (i % 2 ? chairA : chairB).post(`/orders/${id}`, { intent: "ship" })).status).toBe(302);
    const handover = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#975a16" } }).png().toBuffer();
    for (const [i, id] of accepted.entries()) {
      const order = await db.order.findUniqueOrThrow({ where: { id }, include: { lines: true } });
      const receipt = new FormData();
      receipt.append("intent", "receive");
      receipt.append("receivedByName", "Bu Wulan");
      for (const line of order.lines) {
        receipt.append(`delivered-${line.id}`, String(line.quantity));
        receipt.append(`accepted-${line.id}`, String(line.quantity));
      }
      if (i === 0) receipt.append("photo", new Blob([handover], { type: "image/png" }), "serah-terima.png");
      const response = await (i % 2 ? buyerB : buyerA).post(`/orders/${id}`, receipt);
      expect(response.status, await response.clone().text()).toBe(302);
    }
    const invoiced = await Promise.all(accepted.map((id, i) => (i % 2 ? chairB : chairA).post(`/orders/${id}`, { intent: "invoice" })));
    expect(invoiced.map((r) => r.status)).toEqual(accepted.map(() => 302));
    const invoices = await db.invoice.findMany({ where: { orderId: { in: accepted } }, orderBy: { sequence: "asc" } });
    expect(invoices).toHaveLength(6);
    expect(new Set(invoices.map((i) => i.number)).size).toBe(6);
    // gapless: the six follow each other in the group's numbering of that year
    const first = invoices[0]!.sequence;
    expect(invoices.map((i) => i.sequence)).toEqual([0, 1, 2, 3, 4, 5].map((k) => first + k));
    expect(await db.invoice.count({ where: { groupId: group.id, year: invoices[0]!.year, sequence: { gt: first + 5 } } })).toBe(0);

    // 6. The handover photo, sent through A, is served by B to the two sides only.
    const photoPath = `/orders/${accepted[0]}/photo`;
    for (const reader of [chairB, buyerB]) {
      const response = await reader.get(photoPath);
      expect(response.status).toBe(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(handover)).toBe(true);
    }
    const stranger = await new Browser(b.base).logIn("staf.hotel-graha-kayutangan@bermitra.id");
    expect((await stranger.get(photoPath)).status).toBe(404);
    const anonymous = await new Browser(b.base).get(photoPath);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/\/login/);
    expect(filesUnder(path.join(runDir, "uploads-a"))).toEqual([]);
    expect(filesUnder(path.join(runDir, "uploads-b"))).toEqual([]);

    // 7. Every email queued while the test ran is delivered, and once: one .eml file per message sent since
    //    the instances started (none twice, none lost), whichever instance's jobs sent it.
    const queued = await waitFor(
      "the outbox to be delivered",
      async () => {
        const rows = await db.emailMessage.findMany({ where: { createdAt: { gte: startedAt } }, select: { status: true, kind: true } });
        return rows.length > 0 && rows.every((r) => r.status === "SENT") ? rows : null;
      },
      60_000,
    );
    // the orders' notifications are among them (placed, accepted, shipped, received, invoiced)
    expect(queued.filter((r) => r.kind.startsWith("notification.orders")).length).toBeGreaterThanOrEqual(10);
    const sent = await db.emailMessage.findMany({ where: { sentAt: { gte: startedAt } }, select: { id: true } });
    const files = readdirSync(mailDir).filter((name) => name.endsWith(".eml"));
    for (const row of sent) expect(files.filter((name) => name.includes(row.id)), row.id).toHaveLength(1);
    expect(files).toHaveLength(sent.length);
  }, 180_000);
});
