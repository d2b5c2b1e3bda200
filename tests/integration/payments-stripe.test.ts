/**
 * Stripe payments. The Stripe API is unreachable from our machines, so Checkout creation runs against a
 * LOOPBACK STAND-IN HTTP SERVER (below) that plays the part of api.stripe.com; the `stripe` SDK is pointed
 * at it with host/port/protocol. Webhooks are signed for real with stripe.webhooks.generateTestHeaderString.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { db } from "~/db/db.server";
import { action as invoiceAction, loader as invoiceLoader } from "~/routes/invoices.$invoiceId";
import { action as webhookAction } from "~/routes/webhooks.stripe";
import { cookieFor, formRequest, getRequest, responseOf } from "../helpers/requests";

const SECRET = "whsec_test_bermitra_orders";
// Only signs webhook payloads offline (generateTestHeaderString); never calls Stripe, so no real key is needed.
const stripe = new Stripe("sk_test_offline_webhook_signing");
let server: Server;
const received: { path: string; body: URLSearchParams; headers: Record<string, unknown> }[] = [];
let sessionCounter = 0;

beforeAll(async () => {
  // Loopback stand-in for the Stripe API (labelled as such): answers POST /v1/checkout/sessions.
  server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      received.push({ path: req.url ?? "", body: new URLSearchParams(raw), headers: req.headers });
      if (req.method === "POST" && req.url === "/v1/checkout/sessions") {
        sessionCounter++;
        const id = `cs_test_standin_${sessionCounter}`;
        res.writeHead(200, { "Content-Type": "application/json", "Request-Id": `req_${sessionCounter}` });
        res.end(JSON.stringify({ id, object: "checkout.session", url: `https://checkout.stripe.test/pay/${id}`, payment_status: "unpaid", status: "open", currency: "idr" }));
        return;
      }
      res.writeHead(404, { "Content-Type": "application/json" });
      res.end(JSON.stringify({ error: { type: "invalid_request_error", message: "stand-in: unknown path" } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  process.env.STRIPE_SECRET_KEY = "sk_test_standin";
  process.env.STRIPE_WEBHOOK_SECRET = SECRET;
  process.env.STRIPE_API_HOST = "127.0.0.1";
  process.env.STRIPE_API_PORT = String(port);
  process.env.STRIPE_API_PROTOCOL = "http";
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  for (const k of ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_HOST", "STRIPE_API_PORT", "STRIPE_API_PROTOCOL"]) delete process.env[k];
});

async function payableInvoice() {
  return db.invoice.findFirstOrThrow({
    where: { status: "ISSUED", partner: { slug: "hotel-taman-sari-batu" }, payments: { none: {} } },
    orderBy: { issuedAt: "asc" },
  });
}

function webhookRequest(payload: string, signature: string | null) {
  return new Request("http://localhost/webhooks/stripe", {
    method: "POST",
    body: payload,
    headers: { "Content-Type": "application/json", ...(signature ? { "Stripe-Signature": signature } : {}) },
  });
}

async function deliver(event: Record<string, unknown>, secret = SECRET) {
  const payload = JSON.stringify(event);
  const signature = stripe.webhooks.generateTestHeaderString({ payload, secret });
  return responseOf(() => webhookAction({ request: webhookRequest(payload, signature), params: {}, context: {} }));
}

function event(id: string, type: string, object: Record<string, unknown>) {
  return { id, object: "event", type, api_version: "2025-01-01", created: Math.floor(Date.now() / 1000), data: { object }, livemode: false, pending_webhooks: 1, request: null };
}

describe("Stripe Checkout (against the loopback stand-in)", () => {
  it("creates a session in IDR for the amount computed on the server and redirects to it", async () => {
    const invoice = await payableInvoice();
    const cookie = await cookieFor("mitra@bermitra.id");
    const res = await responseOf(() => invoiceAction({ request: formRequest(`/invoices/${invoice.id}`, { intent: "card", amount: "1" }, cookie), params: { invoiceId: invoice.id }, context: {} }));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^https:\/\/checkout\.stripe\.test\/pay\/cs_test_standin_/);
    const call = received.find((r) => r.path === "/v1/checkout/sessions")!;
    expect(call.body.get("mode")).toBe("payment");
    expect(call.body.get("line_items[0][price_data][currency]")).toBe("idr");
    expect(call.body.get("line_items[0][price_data][unit_amount]")).toBe(String(invoice.amountRupiah * 100));
    expect(call.body.get("metadata[invoiceId]")).toBe(invoice.id);
    expect(call.headers["idempotency-key"]).toBeTruthy();
    const payment = await db.payment.findFirstOrThrow({ where: { invoiceId: invoice.id, method: "STRIPE" } });
    expect(payment).toMatchObject({ status: "PENDING", amountRupiah: invoice.amountRupiah });
  });

  it("hides the card option when STRIPE_SECRET_KEY is not set", async () => {
    const invoice = await payableInvoice();
    const cookie = await cookieFor("mitra@bermitra.id");
    const key = process.env.STRIPE_SECRET_KEY;
    delete process.env.STRIPE_SECRET_KEY;
    try {
      const res = await responseOf(() => invoiceLoader({ request: getRequest(`/invoices/${invoice.id}`, cookie), params: { invoiceId: invoice.id }, context: {} }));
      expect((await res.json()).card).toBe(false);
      const refused = await responseOf(() => invoiceAction({ request: formRequest(`/invoices/${invoice.id}`, { intent: "card" }, cookie), params: { invoiceId: invoice.id }, context: {} }));
      expect(refused.status).toBe(403);
    } finally {
      process.env.STRIPE_SECRET_KEY = key;
    }
  });
});

describe("Stripe webhook", () => {
  it("records one payment when the same completed event is delivered twice, and settles invoice and order", async () => {
    const payment = await db.payment.findFirstOrThrow({ where: { method: "STRIPE", status: "PENDING" }, include: { invoice: true } });
    const completed = event("evt_completed_1", "checkout.session.completed", { id: payment.stripeSessionId, object: "checkout.session", payment_status: "paid", payment_intent: "pi_standin_1", amount_total: payment.amountRupiah * 100, currency: "idr", metadata: { invoiceId: payment.invoiceId } });
    const first = await deliver(completed);
    const second = await deliver(completed);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(await db.stripeEvent.count({ where: { id: "evt_completed_1" } })).toBe(1);
    const after = await db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect(after).toMatchObject({ status: "CONFIRMED", stripePaymentIntentId: "pi_standin_1" });
    expect(await db.payment.count({ where: { invoiceId: payment.invoiceId, status: "CONFIRMED" } })).toBe(1);
    const invoice = await db.invoice.findUniqueOrThrow({ where: { id: payment.invoiceId }, include: { order: true } });
    expect(invoice.status).toBe("PAID");
    expect(invoice.order.status).toBe("PAID");
    expect(await db.auditEvent.count({ where: { entityId: payment.id, action: "payment.stripeCompleted" } })).toBe(1);
  });

  it("never marks an invoice paid when the amount or currency differs from the payment; records it and tells Dinas", async () => {
    const invoice = await payableInvoice();
    const cookie = await cookieFor("mitra@bermitra.id");
    await responseOf(() => invoiceAction({ request: formRequest(`/invoices/${invoice.id}`, { intent: "card" }, cookie), params: { invoiceId: invoice.id }, context: {} }));
    const pending = await db.payment.findFirstOrThrow({ where: { invoiceId: invoice.id, method: "STRIPE", status: "PENDING" } });
    const base = { id: pending.stripeSessionId, object: "checkout.session", payment_status: "paid", payment_intent: "pi_mismatch" };
    await deliver(event("evt_mismatch_amount", "checkout.session.completed", { ...base, amount_total: 100, currency: "idr" }));
    await deliver(event("evt_mismatch_currency", "checkout.session.completed", { ...base, amount_total: pending.amountRupiah * 100, currency: "usd" }));
    expect((await db.payment.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("PENDING");
    expect((await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).status).toBe("ISSUED");
    expect(await db.auditEvent.count({ where: { entityType: "Invoice", entityId: invoice.id, action: "payment.stripeMismatch" } })).toBe(2);
    const dinas = await db.user.findUniqueOrThrow({ where: { email: "dinas@bermitra.id" } });
    expect(await db.notification.count({ where: { userId: dinas.id, kind: "payments:notify.cardMismatch", link: `/invoices/${invoice.id}` } })).toBe(2);
    // the right amount in IDR then settles it
    await deliver(event("evt_mismatch_then_ok", "checkout.session.completed", { ...base, amount_total: pending.amountRupiah * 100, currency: "idr" }));
    expect((await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).status).toBe("PAID");
  });

  it("answers 400 and changes nothing on a bad or missing signature", async () => {
    const before = await db.stripeEvent.count();
    const forged = event("evt_forged", "checkout.session.completed", { id: "cs_x", object: "checkout.session", payment_status: "paid" });
    const wrongSecret = await deliver(forged, "whsec_someone_else");
    expect(wrongSecret.status).toBe(400);
    const payload = JSON.stringify(forged);
    const tampered = stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET });
    const res = await responseOf(() => webhookAction({ request: webhookRequest(payload.replace("cs_x", "cs_y"), tampered), params: {}, context: {} }));
    expect(res.status).toBe(400);
    const missing = await responseOf(() => webhookAction({ request: webhookRequest(payload, null), params: {}, context: {} }));
    expect(missing.status).toBe(400);
    expect(await db.stripeEvent.count()).toBe(before);
  });

  it("acknowledges and ignores unknown event types", async () => {
    const res = await deliver(event("evt_unknown_1", "customer.created", { id: "cus_1", object: "customer" }));
    expect(res.status).toBe(200);
    expect(await db.stripeEvent.findUnique({ where: { id: "evt_unknown_1" } })).toMatchObject({ type: "customer.created" });
  });

  it("marks expired and failed sessions, and a full refund reopens the invoice", async () => {
    const invoice = await payableInvoice();
    const cookie = await cookieFor("mitra@bermitra.id");
    await responseOf(() => invoiceAction({ request: formRequest(`/invoices/${invoice.id}`, { intent: "card" }, cookie), params: { invoiceId: invoice.id }, context: {} }));
    const pending = await db.payment.findFirstOrThrow({ where: { invoiceId: invoice.id, method: "STRIPE", status: "PENDING" } });
    await deliver(event("evt_expired_1", "checkout.session.expired", { id: pending.stripeSessionId, object: "checkout.session", payment_status: "unpaid" }));
    expect((await db.payment.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("EXPIRED");

    await responseOf(() => invoiceAction({ request: formRequest(`/invoices/${invoice.id}`, { intent: "card" }, cookie), params: { invoiceId: invoice.id }, context: {} }));
    const retry = await db.payment.findFirstOrThrow({ where: { invoiceId: invoice.id, method: "STRIPE", status: "PENDING" } });
    await deliver(event("evt_failed_1", "checkout.session.async_payment_failed", { id: retry.stripeSessionId, object: "checkout.session", payment_status: "unpaid" }));
    expect((await db.payment.findUniqueOrThrow({ where: { id: retry.id } })).status).toBe("FAILED");

    await responseOf(() => invoiceAction({ request: formRequest(`/invoices/${invoice.id}`, { intent: "card" }, cookie), params: { invoiceId: invoice.id }, context: {} }));
    const third = await db.payment.findFirstOrThrow({ where: { invoiceId: invoice.id, method: "STRIPE", status: "PENDING" } });
    await deliver(event("evt_completed_2", "checkout.session.completed", { id: third.stripeSessionId, object: "checkout.session", payment_status: "paid", payment_intent: "pi_standin_2", amount_total: third.amountRupiah * 100, currency: "idr" }));
    expect((await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).status).toBe("PAID");
    await deliver(event("evt_refund_1", "charge.refunded", { id: "ch_1", object: "charge", payment_intent: "pi_standin_2", amount: invoice.amountRupiah * 100, amount_refunded: invoice.amountRupiah * 100 }));
    expect((await db.payment.findUniqueOrThrow({ where: { id: third.id } })).status).toBe("REFUNDED");
    const reopened = await db.invoice.findUniqueOrThrow({ where: { id: invoice.id }, include: { order: true } });
    expect(reopened.status).toBe("ISSUED");
    expect(reopened.order.status).toBe("INVOICED");
  });
});
