import type { ServerBuild } from "@remix-run/node";
import { sqliteFilePath } from "~/db/database-url";
import { db } from "~/db/db.server";
import { withDatabaseOutageAnswers } from "~/db/outage.server";
import { toDateInputValue } from "~/i18n/format";
import { DEFAULT_TIME_ZONE } from "~/time/calendar";
import { addDays } from "~/orders/numbers";
import { action as newOrderAction } from "~/routes/partner.orders.new";
import { loader as healthLoader } from "~/routes/healthz";
import { holdWriteLock } from "../helpers/lock-holder";
import { cookieFor, formRequest } from "../helpers/requests";

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
    deliveryAddress: "Jl. Uji Kunci 1",
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

describe("another process holds the write lock", () => {
  afterEach(() => {
    delete process.env.DB_BUSY_TIMEOUT_MS;
  });

  it("placing an order waits for the lock and succeeds", async () => {
    const request = await orderForm();
    const before = await db.order.count();
    const lock = await holdWriteLock(sqliteFilePath(), 1_500);
    const started = Date.now();
    const response = await place(request());
    const waited = Date.now() - started;
    await lock.released;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/orders\/.+\?done=placed$/);
    expect(waited).toBeGreaterThan(1_000);
    expect(await db.order.count()).toBe(before + 1);
  });

  it("past the busy timeout it answers 503 with Retry-After, and nothing is half-written", async () => {
    process.env.DB_BUSY_TIMEOUT_MS = "700";
    const request = await orderForm();
    const counts = async () => ({ orders: await db.order.count(), lines: await db.orderLine.count(), audit: await db.auditEvent.count() });
    const before = await counts();
    const lock = await holdWriteLock(sqliteFilePath(), 3_000);
    const response = await place(request());
    // Reads keep working while the lock is held.
    expect(await db.order.count()).toBe(before.orders);
    const health = await healthLoader();
    await lock.released;
    expect(response.status).toBe(503);
    expect(response.headers.get("Retry-After")).toBe("5");
    expect(await response.text()).toBe("errors:unavailable.busy");
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: "error", db: "not-writable", reason: "busy" });
    expect(await counts()).toEqual(before);
    // Once the lock is free, the same order goes through.
    expect((await place(request())).status).toBe(302);
  });
});

describe("/healthz", () => {
  it("answers 200 after a committed write probe", async () => {
    const response = await healthLoader();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", db: "ok" });
    const [row] = await db.$queryRawUnsafe<{ at: string }[]>(`SELECT at FROM "_health_probe" WHERE id = 1`);
    expect(row?.at).toBeTruthy();
  });
});
