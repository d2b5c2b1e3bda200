/**
 * Money (issue 10 item 12): a second "pay by card" reuses an open Stripe Checkout or refuses a completed one;
 * placing a catalogue order is idempotent (the form's one-time key). The Stripe API is unreachable here, so
 * Checkout runs against a LOOPBACK STAND-IN HTTP SERVER (below) playing api.stripe.com: it creates, retrieves
 * and expires sessions and lets the test move a session to "complete" or "expired" as Stripe would.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { db } from "~/db/db.server";
import { action as invoiceAction } from "~/routes/invoices.$invoiceId";
import { addDays, dayKey } from "~/time/calendar";
import { cookieFor, formRequest, getRequest, responseOf } from "../helpers/requests";

type StandInSession = { id: string; object: "checkout.session"; url: string | null; status: "open" | "complete" | "expired"; payment_status: string; currency: "idr"; amount_total: number };
const sessions = new Map<string, StandInSession>();
const byKey = new Map<string, StandInSession>();
const calls: string[] = [];
let server: Server;

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const url = req.url ?? "";
      calls.push(`${req.method} ${url}`);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json", "Request-Id": `req_${calls.length}` });
        res.end(JSON.stringify(body));
      };
      if (req.method === "POST" && url === "/v1/checkout/sessions") {
        // Stripe answers a repeated Idempotency-Key with the first result
        const key = String(req.headers["idempotency-key"] ?? "");
        const earlier = key ? byKey.get(key) : undefined;
        if (earlier) return send(200, earlier);
        const id = `cs_test_reuse_${sessions.size + 1}`;
        const amount = Number(new URLSearchParams(raw).get("line_items[0][price_data][unit_amount]"));
        const session: StandInSession = { id, object: "checkout.session", url: `https://checkout.stripe.test/pay/${id}`, status: "open", payment_status: "unpaid", currency: "idr", amount_total: amount };
        sessions.set(id, session);
        if (key) byKey.set(key, session);
        return send(200, session);
      }
      const one = /^\/v1\/checkout\/sessions\/([^/]+)(\/expire)?$/.exec(url);
      const session = one ? sessions.get(decodeURIComponent(one[1]!)) : undefined;
      if (session && req.method === "GET" && !one![2]) return send(200, session);
      if (session && req.method === "POST" && one![2]) {
        session.status = "expired";
        session.url = null;
        return send(200, session);
      }
      send(404, { error: { type: "invalid_request_error", message: "stand-in: unknown path" } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.STRIPE_SECRET_KEY = "sk_test_standin";
  process.env.STRIPE_API_HOST = "127.0.0.1";
  process.env.STRIPE_API_PORT = String((server.address() as AddressInfo).port);
  process.env.STRIPE_API_PROTOCOL = "http";
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  for (const k of ["STRIPE_SECRET_KEY", "STRIPE_API_HOST", "STRIPE_API_PORT", "STRIPE_API_PROTOCOL"]) delete process.env[k];
});

async function payCard(invoiceId: string, cookie: string) {
  const res = await responseOf(() => invoiceAction({ request: formRequest(`/invoices/${invoiceId}`, { intent: "card" }, cookie), params: { invoiceId }, context: {} }));
  return { status: res.status, location: res.headers.get("Location"), errors: res.status === 400 ? ((await res.json()) as { errors: Record<string, string> }).errors : {} };
}

describe("a second pay by card", () => {
  it("reuses the open checkout, refuses a completed one, and replaces an expired one", async () => {
    const invoice = await db.invoice.findFirstOrThrow({ where: { status: "ISSUED", partner: { slug: "hotel-taman-sari-batu" }, payments: { none: {} } }, orderBy: { issuedAt: "asc" } });
    const cookie = await cookieFor("mitra@bermitra.id");

    const first = await payCard(invoice.id, cookie);
    expect(first.status).toBe(302);
    expect(first.location).toMatch(/^https:\/\/checkout\.stripe\.test\/pay\/cs_test_reuse_/);
    const second = await payCard(invoice.id, cookie);
    expect(second).toMatchObject({ status: 302, location: first.location });
    expect(calls.filter((c) => c === "POST /v1/checkout/sessions")).toHaveLength(1);
    const payments = await db.payment.findMany({ where: { invoiceId: invoice.id, method: "STRIPE" } });
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({ status: "PENDING", amountRupiah: invoice.amountRupiah });

    // Paid at Stripe, webhook not yet here: refused with a message, no new checkout, nothing written.
    sessions.get(payments[0]!.stripeSessionId!)!.status = "complete";
    const completed = await payCard(invoice.id, cookie);
    expect(completed.status).toBe(400);
    expect(completed.errors._form).toBe("payments:errors.checkoutCompleted");
    expect(calls.filter((c) => c === "POST /v1/checkout/sessions")).toHaveLength(1);
    expect(await db.payment.count({ where: { invoiceId: invoice.id } })).toBe(1);

    // Expired at Stripe: marked EXPIRED (audited) and a new checkout replaces it.
    sessions.get(payments[0]!.stripeSessionId!)!.status = "expired";
    const again = await payCard(invoice.id, cookie);
    expect(again.status).toBe(302);
    expect(again.location).not.toBe(first.location);
    expect((await db.payment.findUniqueOrThrow({ where: { id: payments[0]!.id } })).status).toBe("EXPIRED");
    expect(await db.payment.count({ where: { invoiceId: invoice.id, status: "PENDING" } })).toBe(1);
    expect(await db.auditEvent.count({ where: { entityId: payments[0]!.id, action: "payment.stripeExpired" } })).toBe(1);
  });

  it("two clicks at the same moment make one payment and both land on the same checkout", async () => {
    const invoice = await db.invoice.findFirstOrThrow({ where: { status: "ISSUED", partner: { slug: "hotel-taman-sari-batu" }, payments: { none: {} } }, orderBy: { issuedAt: "asc" } });
    const cookie = await cookieFor("mitra@bermitra.id");
    const [a, b] = await Promise.all([payCard(invoice.id, cookie), payCard(invoice.id, cookie)]);
    expect([a.status, b.status]).toEqual([302, 302]);
    expect(await db.payment.count({ where: { invoiceId: invoice.id, method: "STRIPE", status: "PENDING" } })).toBe(1);
  });
});

describe("placing a catalogue order twice", () => {
  it("a double submit of the same form makes one order and both answers lead to it", async () => {
    const { loader, action } = await import("~/routes/partner.orders.new");
    const cookie = await cookieFor("mitra@bermitra.id");
    const group = await db.group.findUniqueOrThrow({ where: { slug: "kpm-melati-sisir" }, include: { products: { where: { status: "ACTIVE" } } } });
    const product = group.products[0]!;
    const page = await responseOf(() => loader({ request: getRequest(`/partner/orders/new?product=${product.slug}`, cookie), params: { groupId: group.id }, context: {} }));
    const { orderKey } = (await page.json()) as { orderKey: string };
    expect(orderKey).toMatch(/^[0-9a-f-]{36}$/);
    const fields = { groupId: group.id, orderKey, [`qty-${product.id}`]: String(product.minOrderQty), deliveryDate: addDays(dayKey(new Date()), 40), deliveryAddress: "Jl. Raya Selecta 1" };
    const submit = () => responseOf(() => action({ request: formRequest("/partner/orders/new", fields, cookie), params: {}, context: {} }));
    const before = await db.order.count();

    const first = await submit();
    const second = await submit();
    expect([first.status, second.status]).toEqual([302, 302]);
    expect(second.headers.get("Location")).toBe(first.headers.get("Location"));
    expect(await db.order.count()).toBe(before + 1);

    // at the same moment, with the next form's key
    const next = (await (await responseOf(() => loader({ request: getRequest(`/partner/orders/new?product=${product.slug}`, cookie), params: {}, context: {} }))).json()) as { orderKey: string };
    expect(next.orderKey).not.toBe(orderKey);
    fields.orderKey = next.orderKey;
    const [c, d] = await Promise.all([submit(), submit()]);
    expect([c.status, d.status]).toEqual([302, 302]);
    expect(c.headers.get("Location")).toBe(d.headers.get("Location"));
    expect(await db.order.count()).toBe(before + 2);
    expect(await db.auditEvent.count({ where: { action: "order.place", entityId: c.headers.get("Location")!.split("/")[2]!.split("?")[0]! } })).toBe(1);
  });
});
