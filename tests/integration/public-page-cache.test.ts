import { createPublicPageCache } from "~/cache/public-page-cache";
import { sqliteFilePath } from "~/db/database-url";
import { db } from "~/db/db.server";

describe("public page cache", () => {
  const cache = createPublicPageCache({ databaseFile: sqliteFilePath(), maxAgeMs: 60_000 });
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
    expect(cache.get(key)).toBeNull();

    cache.set(key, { status: 200, headers: {}, body: Buffer.from("x"), version: cache.dataVersion() });
    expect(cache.get(key, Date.now() + 61_000)).toBeNull();
    cache.set("|/products?q=a", { status: 404, headers: {}, body: Buffer.from("x"), version: cache.dataVersion() });
    cache.set("|/products?q=b", { status: 200, headers: { "set-cookie": "x=1" }, body: Buffer.from("x"), version: cache.dataVersion() });
    expect(cache.get("|/products?q=a")).toBeNull();
    expect(cache.get("|/products?q=b")).toBeNull();
  });
});
