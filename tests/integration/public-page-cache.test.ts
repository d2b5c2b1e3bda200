import { appDataVersion, postgresDataVersion } from "~/cache/data-version.server";
import { createPublicPageCache } from "~/cache/public-page-cache";
import { databaseKind } from "~/db/database-url";
import { db } from "~/db/db.server";

const onPostgres = databaseKind() === "postgresql";

/** SQLite's data_version moves at the commit; PostgreSQL's notification arrives a few milliseconds later. */
async function eventually(check: () => boolean, ms = 3_000) {
  const until = Date.now() + ms;
  while (!check() && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
  return check();
}

describe("public page cache", () => {
  const changes = appDataVersion();
  const cache = createPublicPageCache({ changes, maxAgeMs: 60_000 });
  beforeAll(async () => {
    if ("ready" in changes) await (changes as { ready: Promise<void> }).ready;
  });
  afterAll(() => cache.close());

  it("caches only anonymous GETs of public catalogue paths, per language", () => {
    expect(cache.keyFor({ method: "GET", url: "/products?q=kopy", cookie: undefined })).toBe("|/products?q=kopy");
    expect(cache.keyFor({ method: "GET", url: "/products?q=kopy", cookie: "bermitra_lng=en" })).toBe("en|/products?q=kopy");
    expect(cache.keyFor({ method: "GET", url: "/api/v1/products?q=kopy", cookie: undefined })).not.toBeNull();
    expect(cache.keyFor({ method: "GET", url: "/g/kpm-melati-sisir", cookie: undefined })).not.toBeNull();
    expect(cache.keyFor({ method: "GET", url: "/products?q=kopy", cookie: "bermitra_session=abc.def" })).toBeNull();
    expect(cache.keyFor({ method: "POST", url: "/products", cookie: undefined })).toBeNull();
    expect(cache.keyFor({ method: "GET", url: "/orders", cookie: undefined })).toBeNull();
    expect(cache.keyFor({ method: "GET", url: "/groups/x/products", cookie: undefined })).toBeNull();
  });

  it("serves an entry until the database changes, and never stores personal or failed answers", async () => {
    const key = "|/products?q=kopy";
    cache.set(key, { status: 200, headers: { "content-type": "text/html" }, body: Buffer.from("<html>kopi</html>"), version: cache.dataVersion() });
    expect(cache.get(key)?.body.toString()).toBe("<html>kopi</html>");
    // a product is paused by the app (another connection): the entry is gone
    const product = await db.product.findFirstOrThrow({ where: { status: "ACTIVE" } });
    await db.product.update({ where: { id: product.id }, data: { status: "PAUSED" } });
    expect(await eventually(() => cache.get(key) === null)).toBe(true);

    cache.set(key, { status: 200, headers: {}, body: Buffer.from("x"), version: cache.dataVersion() });
    expect(cache.get(key, Date.now() + 61_000)).toBeNull();
    cache.set("|/products?q=a", { status: 404, headers: {}, body: Buffer.from("x"), version: cache.dataVersion() });
    cache.set("|/products?q=b", { status: 200, headers: { "set-cookie": "x=1" }, body: Buffer.from("x"), version: cache.dataVersion() });
    expect(cache.get("|/products?q=a")).toBeNull();
    expect(cache.get("|/products?q=b")).toBeNull();
  });
});

describe.runIf(onPostgres)("PostgreSQL change notifications", () => {
  it("move the version on every instance's listener at commit, not for a rolled-back change or a session write", async () => {
    const a = postgresDataVersion(process.env.DATABASE_URL!);
    const b = postgresDataVersion(process.env.DATABASE_URL!); // a second app instance
    await Promise.all([a.ready, b.ready]);
    try {
      const [va, vb] = [a.current(), b.current()];
      expect(a.current()).toBe(va); // stable while nothing changes
      const product = await db.product.findFirstOrThrow({ where: { status: "ACTIVE" } });
      await db.$transaction(async (tx) => {
        await tx.product.update({ where: { id: product.id }, data: { name: `${product.name} (x)` } });
        throw new Error("roll back");
      }).catch(() => {});
      await db.session.deleteMany({ where: { id: "no-such-session" } });
      await new Promise((r) => setTimeout(r, 300));
      expect([a.current(), b.current()]).toEqual([va, vb]);
      await db.product.update({ where: { id: product.id }, data: { name: `${product.name} (y)` } });
      expect(await eventually(() => a.current() !== va && b.current() !== vb)).toBe(true);
    } finally {
      a.close();
      b.close();
    }
  });
});
