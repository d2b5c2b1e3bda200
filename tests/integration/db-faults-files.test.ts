import type { ServerBuild } from "@remix-run/node";
import { db } from "~/db/db.server";
import { unavailableReasonOf } from "~/db/errors";
import { withDatabaseOutageAnswers } from "~/db/outage.server";
import { toDateInputValue } from "~/i18n/format";
import { DEFAULT_TIME_ZONE } from "~/time/calendar";
import { addDays } from "~/orders/numbers";
import { action as newOrderAction } from "~/routes/partner.orders.new";
import { loader as healthLoader } from "~/routes/healthz";
import { cookieFor, formRequest } from "../helpers/requests";

/**
 * Faults of the database files while the db layer runs (issue 11 item 5): the database cannot grow, the
 * files turn read-only. /healthz answers 503 with the reason, write requests answer the friendly 503, nothing is
 * half-written, reads keep working, the process keeps running and recovers by itself once the cause is gone.
 * A server *started* on files it cannot prepare for writing is not tested here nor anywhere else: there is
 * no db-readonly-start test. `app/db/db.server.ts` (init) logs the preparation failure and keeps serving,
 * and /healthz's write probe then answers 503 (decision 071); real file modes cannot be tested as root.
 */

/** The route module as the server runs it: wrapped so database outages answer 503 (server.ts). */
const served = withDatabaseOutageAnswers({
  routes: { order: { id: "order", path: "partner/orders/new", module: { action: newOrderAction, default: () => null } } },
} as unknown as ServerBuild).routes.order!.module;

async function orderForm() {
  const group = await db.group.findUniqueOrThrow({ where: { slug: "kpm-melati-sisir" }, include: { products: { where: { status: "ACTIVE" } } } });
  const product = group.products[0]!;
  const cookie = await cookieFor("mitra@bermitra.id");
  const fields = {
    groupId: group.id,
    deliveryDate: toDateInputValue(addDays(new Date(), 7 * 30), DEFAULT_TIME_ZONE),
    deliveryAddress: "Jl. Uji Baca 1",
    [`qty-${product.id}`]: String(Math.max(product.minOrderQty, 10)),
  };
  return () => formRequest("/partner/orders/new", fields, cookie);
}

async function place(request: Request): Promise<Response> {
  try {
    return (await served.action!({ request, params: {}, context: {} })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

const counts = async () => ({ orders: await db.order.count(), lines: await db.orderLine.count(), audit: await db.auditEvent.count() });

async function pragmaNumber(name: string): Promise<number> {
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
  return Number(Object.values(rows[0] ?? {})[0]);
}

describe("the database cannot grow (max_page_count, any machine)", () => {
  // SQLite's max_page_count stands in for a full disk: growing the file past it fails with SQLITE_FULL,
  // the result code a real ENOSPC gives (the real thing: db-disk-full.test.ts, on a full tmpfs).
  afterEach(async () => {
    await db.$queryRawUnsafe("PRAGMA max_page_count = 4294967294");
    await db.$executeRawUnsafe(`DROP TABLE IF EXISTS "_filler"`);
  });

  it("/healthz says disk-full, a write that needs space answers 503, and both recover", async () => {
    await db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS "_filler" (b BLOB)`);
    // Fill every free page, then cap the file at its current size.
    await db.$queryRawUnsafe(`PRAGMA max_page_count = ${(await pragmaNumber("page_count")) + 2}`);
    let full: unknown;
    for (let i = 0; i < 200 && !full; i++) {
      await db.$executeRawUnsafe(`INSERT INTO "_filler" (b) VALUES (zeroblob(1000))`).catch((error: unknown) => (full = error));
    }
    expect(unavailableReasonOf(full)).toBe("disk-full");
    const health = await healthLoader();
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: "error", db: "not-writable", reason: "disk-full" });

    await db.$queryRawUnsafe("PRAGMA max_page_count = 4294967294");
    expect((await healthLoader()).status).toBe(200);
  });
});

describe("the database turns read-only while the server runs", () => {
  // `PRAGMA query_only` on the writer connection makes SQLite refuse every write with SQLITE_READONLY, the
  // code it gives for read-only files; a real chmod cannot take write access from a file descriptor that
  // is already open, and root (which runs these tests) ignores file modes anyway (decision 076).
  afterEach(async () => {
    await db.$executeRawUnsafe("PRAGMA query_only = OFF");
  });

  it("/healthz says read-only, an order answers 503, reads work, and it recovers", async () => {
    const request = await orderForm();
    const before = await counts();
    await db.$executeRawUnsafe("PRAGMA query_only = ON");

    const response = await place(request());
    expect(response.status).toBe(503);
    expect(await response.text()).toBe("errors:unavailable.read-only");
    const health = await healthLoader();
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: "error", db: "not-writable", reason: "read-only" });
    // Reads are served meanwhile (the reader connection), and nothing was half-written.
    expect(await counts()).toEqual(before);

    await db.$executeRawUnsafe("PRAGMA query_only = OFF");
    expect((await place(request())).status).toBe(302);
    expect((await healthLoader()).status).toBe(200);
  });
});
