/**
 * Outbox, retry with backoff, and reindex-and-swap of the Meilisearch backend — run for real against a
 * LOOPBACK STAND-IN of Meilisearch (tests/helpers/meili-standin.ts), since no Meilisearch server can
 * run on our machines. The stand-in can be switched "down" to simulate an outage.
 */
import { createProduct, changeProductStatus } from "~/catalog/products.server";
import type { Actor } from "~/auth/actor";
import { db } from "~/db/db.server";
import { actorOfUser } from "../helpers/actors";
import { createMeiliBackend, type MeiliBackend } from "~/search/meilisearch.server";
import { backoffMs, processSearchOutbox } from "~/search/outbox.server";
import { PAGE_SIZE } from "~/search/query";
import { builtInSearch, indexProductChange, runSearchOutbox, searchProducts } from "~/search/search.server";
import { startMeiliStandIn, type StandIn } from "../helpers/meili-standin";

let standIn: StandIn;
let meili: MeiliBackend;
let actor: Actor;
let groupId: string;
let categoryId: string;

beforeAll(async () => {
  standIn = await startMeiliStandIn();
  process.env.MEILISEARCH_URL = standIn.url;
  meili = createMeiliBackend({ url: standIn.url, index: "products", taskTimeoutMs: 2_000 }, db);
  await meili.ensureReady();
  await meili.rebuild();
  const chair = await db.user.findUniqueOrThrow({ where: { email: "kelompok@bermitra.id" } });
  actor = actorOfUser(chair);
  groupId = chair.groupId!;
  categoryId = (await db.productCategory.findUniqueOrThrow({ where: { slug: "kue-basah" } })).id;
});
afterAll(async () => {
  delete process.env.MEILISEARCH_URL;
  await standIn.close();
});

const input = (name: string) => ({
  name,
  categoryId,
  description: "Kue tradisional untuk rapat hotel.",
  unit: "PCS" as const,
  priceRupiah: 3000,
  minOrderQty: 20,
  weeklyCapacity: 400,
  leadTimeDays: 1,
  deliveryAreaIds: [],
  certifications: [],
});

describe("search outbox", () => {
  it("uses exponential backoff capped at one hour", () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(backoffMs(30)).toBe(60 * 60_000);
  });

  it("writes the outbox row in the product's transaction, retries while Meilisearch is down, then delivers", async () => {
    const product = await createProduct(actor, groupId, input("Kue Talam Pandan Outbox"));
    const rows = await db.searchOutbox.findMany({ where: { productId: product.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0].op).toBe("UPSERT");
    // The built-in index is updated in the same transaction: searchable at once.
    expect((await builtInSearch().search({ q: "talam pandan", sort: "relevance", page: 1, pageSize: PAGE_SIZE })).items.map((i) => i.id)).toContain(product.id);

    const t0 = new Date(Date.now() + 1_000);
    standIn.down = true;
    const failed = await processSearchOutbox(db, meili, t0);
    expect(failed.failed).toBeGreaterThanOrEqual(1);
    let row = await db.searchOutbox.findUniqueOrThrow({ where: { id: rows[0].id } });
    expect(row.attempts).toBe(1);
    expect(row.processedAt).toBeNull();
    expect(row.lastError).toBeTruthy();
    expect(row.nextAttemptAt.getTime()).toBe(t0.getTime() + 5_000);

    // Not due yet: nothing is sent even though Meilisearch is back.
    standIn.down = false;
    expect((await processSearchOutbox(db, meili, new Date(t0.getTime() + 2_000))).sent).toBe(0);
    // Down again at the retry: the next delay doubles.
    standIn.down = true;
    await processSearchOutbox(db, meili, new Date(t0.getTime() + 5_000));
    row = await db.searchOutbox.findUniqueOrThrow({ where: { id: rows[0].id } });
    expect(row.attempts).toBe(2);
    expect(row.nextAttemptAt.getTime()).toBe(t0.getTime() + 5_000 + 10_000);

    standIn.down = false;
    const sent = await processSearchOutbox(db, meili, new Date(t0.getTime() + 15_000));
    expect(sent.sent).toBeGreaterThanOrEqual(1);
    row = await db.searchOutbox.findUniqueOrThrow({ where: { id: rows[0].id } });
    expect(row.processedAt).not.toBeNull();
    expect(standIn.indexes.get("products")!.docs.has(product.id)).toBe(true);
    const found = await meili.search({ q: "talam pandan", sort: "relevance", page: 1, pageSize: PAGE_SIZE });
    expect(found.items.map((i) => i.id)).toContain(product.id);

    // Pausing removes it from both indexes.
    await changeProductStatus(actor, product.id, "pause");
    expect((await builtInSearch().search({ q: "talam pandan", sort: "relevance", page: 1, pageSize: PAGE_SIZE })).total).toBe(0);
    const del = await processSearchOutbox(db, meili, new Date(t0.getTime() + 20_000));
    expect(del.deletes).toBe(1);
    expect(standIn.indexes.get("products")!.docs.has(product.id)).toBe(false);
  });

  it("writes nothing when the transaction rolls back", async () => {
    const product = await db.product.findFirstOrThrow({ where: { status: "ACTIVE" } });
    const before = await db.searchOutbox.count({ where: { productId: product.id } });
    await expect(
      db.$transaction(async (tx) => {
        await indexProductChange(tx, product.id);
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect(await db.searchOutbox.count({ where: { productId: product.id } })).toBe(before);
  });

  it("reindex builds a fresh index, swaps it in and drops the old one", async () => {
    const live = standIn.indexes.get("products")!;
    live.docs.set("stale-doc", { id: "stale-doc", name: "Produk Lama" });
    standIn.requests.length = 0;
    const { count } = await meili.rebuild();
    const publicCount = await db.product.count({ where: { status: "ACTIVE", group: { verificationStatus: "VERIFIED", active: true } } });
    expect(count).toBe(publicCount);
    const products = standIn.indexes.get("products")!;
    expect(products.docs.size).toBe(publicCount);
    expect(products.docs.has("stale-doc")).toBe(false);
    expect([...standIn.indexes.keys()]).toEqual(["products"]);
    expect(standIn.requests).toContain("POST /swap-indexes");
    expect(products.settings.synonyms).toBeTruthy();
  });

  it("a failed reindex leaves the live index untouched", async () => {
    const sizeBefore = standIn.indexes.get("products")!.docs.size;
    const original = meili.client.swapIndexes.bind(meili.client);
    meili.client.swapIndexes = () => {
      throw new Error("swap refused");
    };
    await expect(meili.rebuild()).rejects.toThrow("swap refused");
    meili.client.swapIndexes = original;
    expect(standIn.indexes.get("products")!.docs.size).toBe(sizeBefore);
    expect([...standIn.indexes.keys()]).toEqual(["products"]);
  });

  it("the app's search uses Meilisearch when configured and falls back to the built-in index when it is down", async () => {
    const query = { q: "kopi", sort: "relevance" as const, page: 1, pageSize: PAGE_SIZE };
    expect((await searchProducts(query)).backend).toBe("meilisearch");
    standIn.down = true;
    const fallback = await searchProducts(query);
    expect(fallback.backend).toBe(builtInSearch().name);
    expect(fallback.total).toBeGreaterThan(0);
    standIn.down = false;
    const job = await runSearchOutbox(new Date(Date.now() + 3_600_000));
    expect(job.failed).toBe(0);
  });
});
