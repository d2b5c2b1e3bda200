/**
 * Every state change through its machine (issue 11 item 10, decision 103): zero-amount invoices, manual
 * payment confirmation, cash, card payments, refunds and signer steps go through the order / invoice /
 * payment / signer transition tables and leave an audit row in the same transaction as the change.
 * Stripe's webhooks are signed for real (stripe.webhooks.generateTestHeaderString); no Stripe API call is made.
 */
import Stripe from "stripe";
import { db } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import { getServerT } from "~/i18n/i18n.server";
import { createMouFromScratch, sendForSignature, submitForReview } from "~/mou/mou.server";
import { confirmSignerIdentity, signVersion } from "~/mou/signing.server";
import { invoiceOrder, recordReceipt } from "~/orders/delivery.server";
import { addDays } from "~/orders/numbers";
import { placeCatalogueOrder, transitionOrder } from "~/orders/orders.server";
import { decidePayment, handleStripeWebhook, recordBankTransfer, recordCash } from "~/payments/payments.server";
import { dayKey, startOfDay } from "~/time/calendar";
import { actorFor } from "../helpers/actors";

const SECRET = "whsec_test_status_machines";
// Only signs webhook payloads offline (generateTestHeaderString); never calls Stripe, so no real key is needed.
const stripe = new Stripe("sk_test_offline_webhook_signing");

beforeAll(() => {
  process.env.STRIPE_WEBHOOK_SECRET = SECRET;
});
afterAll(() => {
  delete process.env.STRIPE_WEBHOOK_SECRET;
});

async function deliver(id: string, type: string, object: Record<string, unknown>) {
  const payload = JSON.stringify({ id, object: "event", type, api_version: "2025-01-01", created: 1_790_000_000, data: { object }, livemode: false, pending_webhooks: 1, request: null });
  return handleStripeWebhook(payload, stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }));
}

let week = 30;
/** A catalogue order of Hotel Taman Sari Batu at KPM Melati Sisir, taken to RECEIVED with `accepted` of 20 accepted. */
async function receivedOrder(accepted: number) {
  const group = await db.group.findUniqueOrThrow({ where: { slug: "kpm-melati-sisir" }, include: { products: { where: { status: "ACTIVE" } } } });
  const partner = await db.partner.findUniqueOrThrow({ where: { slug: "hotel-taman-sari-batu" } });
  const product = group.products[0]!;
  const mitra = await actorFor("mitra@bermitra.id");
  const chair = await actorFor("kelompok@bermitra.id");
  const qty = Math.max(product.minOrderQty, 20);
  const order = await placeCatalogueOrder(mitra, partner.id, { groupId: group.id, lines: [{ productId: product.id, quantity: qty }], deliveryDate: startOfDay(dayKey(addDays(new Date(), 7 * week++))), deliveryAddress: partner.address });
  for (const event of ["accept", "ship"] as const) await transitionOrder(chair, order.id, event, { side: "group" });
  const line = await db.orderLine.findFirstOrThrow({ where: { orderId: order.id } });
  const ok = Math.min(accepted, qty);
  await recordReceipt(mitra, order.id, { receivedByName: "Bu Wulan", lines: [{ orderLineId: line.id, deliveredQty: qty, acceptedQty: ok, rejectedQty: qty - ok, rejectionReason: qty - ok > 0 ? "rusak" : null }] });
  return { orderId: order.id, mitra, chair };
}

async function audit(entityId: string) {
  const rows = await db.auditEvent.findMany({ where: { entityId }, orderBy: { at: "asc" } });
  return rows.map((r) => ({ action: r.action, before: r.before ? JSON.parse(r.before).status : undefined, after: r.after ? JSON.parse(r.after).status : undefined }));
}

async function refusalOf(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("invoices and orders", () => {
  it("a zero-amount invoice is paid at once through the invoice and order machines, audited", async () => {
    const { orderId, chair } = await receivedOrder(0);
    const invoice = await invoiceOrder(chair, orderId);
    expect(invoice).toMatchObject({ amountRupiah: 0, status: "PAID" });
    expect(invoice.paidAt).not.toBeNull();
    expect((await db.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("PAID");
    expect(await audit(invoice.id)).toEqual([
      { action: "invoice.issue", before: undefined, after: undefined },
      { action: "invoice.paid", before: "ISSUED", after: "PAID" },
    ]);
    expect((await audit(orderId)).slice(-2)).toEqual([
      { action: "order.invoice", before: "RECEIVED", after: "INVOICED" },
      { action: "order.pay", before: "INVOICED", after: "PAID" },
    ]);
  });

  it("a manual transfer confirmation goes through the payment machine; a second decision is refused with a translated reason", async () => {
    const { orderId, mitra, chair } = await receivedOrder(20);
    const invoice = await invoiceOrder(chair, orderId);
    await expect(recordBankTransfer(mitra, invoice.id, { reference: "TRF-9", proofKey: null })).resolves.toMatchObject({ status: "PENDING" });
    const payment = await db.payment.findFirstOrThrow({ where: { invoiceId: invoice.id } });
    await expect(decidePayment(chair, payment.id, "reject", " ")).rejects.toMatchObject({ key: "errors:reasonRequired", field: "reason" });
    await decidePayment(chair, payment.id, "confirm");
    expect(await audit(payment.id)).toEqual([
      { action: "payment.record", before: undefined, after: undefined },
      { action: "payment.confirm", before: "PENDING", after: "CONFIRMED" },
    ]);
    expect((await audit(invoice.id)).map((a) => a.action)).toEqual(["invoice.issue", "invoice.paid"]);
    expect((await audit(orderId)).at(-1)).toEqual({ action: "order.pay", before: "INVOICED", after: "PAID" });
    const again = await refusalOf(decidePayment(chair, payment.id, "reject", "salah transfer"));
    expect(again.key).toBe("payments:errors.paymentTransition");
    expect(getServerT("id")(again.key, again.params)).toContain("Dikonfirmasi");
    expect(getServerT("en")(again.key, again.params)).toContain("Confirmed");
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("CONFIRMED");
  });

  it("cash is recorded and confirmed through the payment machine", async () => {
    const { orderId, chair } = await receivedOrder(20);
    const invoice = await invoiceOrder(chair, orderId);
    const payment = await recordCash(chair, invoice.id);
    expect(payment.status).toBe("CONFIRMED");
    expect(await audit(payment.id)).toEqual([
      { action: "payment.cash", before: undefined, after: undefined },
      { action: "payment.confirm", before: "PENDING", after: "CONFIRMED" },
    ]);
    expect((await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).status).toBe("PAID");
  });
});

describe("card payments and refunds (signed webhooks)", () => {
  async function cardPayment(session: string) {
    const { orderId, chair } = await receivedOrder(20);
    const invoice = await invoiceOrder(chair, orderId);
    // the PENDING row createCheckout writes for a Stripe session (created here without calling Stripe)
    const payment = await db.payment.create({ data: { invoiceId: invoice.id, method: "STRIPE", amountRupiah: invoice.amountRupiah, stripeSessionId: session } });
    return { orderId, invoice, payment };
  }

  it("a completed checkout confirms the payment, pays invoice and order; a full refund takes all three back, each audited", async () => {
    const { orderId, invoice, payment } = await cardPayment("cs_machines_1");
    const paid = await deliver("evt_machines_paid", "checkout.session.completed", { id: "cs_machines_1", object: "checkout.session", payment_status: "paid", payment_intent: "pi_machines_1", amount_total: invoice.amountRupiah * 100, currency: "idr" });
    expect(paid.status).toBe(200);
    expect(await audit(payment.id)).toEqual([{ action: "payment.stripeCompleted", before: "PENDING", after: "CONFIRMED" }]);
    expect((await audit(orderId)).at(-1)).toEqual({ action: "order.pay", before: "INVOICED", after: "PAID" });

    await deliver("evt_machines_refund", "charge.refunded", { id: "ch_m1", object: "charge", payment_intent: "pi_machines_1", amount: invoice.amountRupiah * 100, amount_refunded: invoice.amountRupiah * 100 });
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("REFUNDED");
    expect((await audit(payment.id)).at(-1)).toEqual({ action: "payment.stripeRefunded", before: "CONFIRMED", after: "REFUNDED" });
    expect((await audit(invoice.id)).slice(-2)).toEqual([
      { action: "invoice.paid", before: "ISSUED", after: "PAID" },
      { action: "invoice.refunded", before: "PAID", after: "ISSUED" },
    ]);
    expect((await audit(orderId)).at(-1)).toEqual({ action: "order.refund", before: "PAID", after: "INVOICED" });
    expect(await db.invoice.findUniqueOrThrow({ where: { id: invoice.id }, select: { status: true, paidAt: true, order: { select: { status: true } } } })).toEqual({ status: "ISSUED", paidAt: null, order: { status: "INVOICED" } });
  });

  it("a refund the order machine refuses changes nothing at all (one transaction) and Stripe may redeliver", async () => {
    const { orderId, invoice, payment } = await cardPayment("cs_machines_2");
    await deliver("evt_machines_paid_2", "checkout.session.completed", { id: "cs_machines_2", object: "checkout.session", payment_status: "paid", payment_intent: "pi_machines_2", amount_total: invoice.amountRupiah * 100, currency: "idr" });
    // an order that is (wrongly) no longer PAID: the order machine refuses PAID → INVOICED from here
    await db.order.update({ where: { id: orderId }, data: { status: "INVOICED" } });
    const auditBefore = await db.auditEvent.count();
    await expect(deliver("evt_machines_refund_2", "charge.refunded", { id: "ch_m2", object: "charge", payment_intent: "pi_machines_2", amount: invoice.amountRupiah * 100, amount_refunded: invoice.amountRupiah * 100 })).rejects.toMatchObject({ key: "orders:errors.transitionNotAllowed" });
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("CONFIRMED");
    expect((await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).status).toBe("PAID");
    expect(await db.auditEvent.count()).toBe(auditBefore);
    expect(await db.stripeEvent.findUnique({ where: { id: "evt_machines_refund_2" } })).toBeNull();
  });

  it("Stripe reporting money for a payment already closed here is refused by the machine, recorded and told to Dinas", async () => {
    const { invoice, payment } = await cardPayment("cs_machines_3");
    await deliver("evt_machines_expired_3", "checkout.session.expired", { id: "cs_machines_3", object: "checkout.session", payment_status: "unpaid" });
    expect(await audit(payment.id)).toEqual([{ action: "payment.stripeExpired", before: "PENDING", after: "EXPIRED" }]);
    const late = await deliver("evt_machines_late_3", "checkout.session.completed", { id: "cs_machines_3", object: "checkout.session", payment_status: "paid", payment_intent: "pi_m3", amount_total: invoice.amountRupiah * 100, currency: "idr" });
    expect(late.status).toBe(200);
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("EXPIRED");
    expect((await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).status).toBe("ISSUED");
    expect((await audit(payment.id)).at(-1)).toEqual({ action: "payment.stripeRefused", before: "EXPIRED", after: "EXPIRED" });
    const dinas = await db.user.findUniqueOrThrow({ where: { email: "dinas@bermitra.id" } });
    expect(await db.notification.count({ where: { userId: dinas.id, kind: "payments:notify.cardUnexpected", link: `/invoices/${invoice.id}` } })).toBe(1);
  });
});

describe("MoU signers", () => {
  it("each signer step goes through the signer machine and is audited on the MoU", async () => {
    const dinas = await actorFor("dinas@bermitra.id");
    const partner = await db.partner.findUniqueOrThrow({ where: { slug: "hotel-taman-sari-batu" } });
    const chair = await db.user.findUniqueOrThrow({ where: { email: "kelompok@bermitra.id" } });
    const mou = await createMouFromScratch(dinas, { dinasOfficeId: partner.dinasOfficeId, partnerId: partner.id, groupIds: [chair.groupId!], startDate: "2027-01-01", endDate: "2027-12-31" });
    await submitForReview(dinas, mou.id);
    const { firstSignerId } = await sendForSignature(dinas, mou.id);
    const signers = async () => db.mouSigner.findMany({ where: { version: { mouId: mou.id } }, orderBy: { order: "asc" }, select: { id: true, status: true } });
    expect((await signers()).map((s) => s.status)).toEqual(["NOTIFIED", "WAITING", "WAITING"]);
    await confirmSignerIdentity(firstSignerId, { password: "bermitra-demo" });
    await signVersion(await actorFor(chair.email), { signerId: firstSignerId, typedName: chair.name, consent: true });
    expect((await signers()).map((s) => s.status)).toEqual(["SIGNED", "NOTIFIED", "WAITING"]);
    const rows = await db.auditEvent.findMany({ where: { entityId: mou.id, action: { in: ["mou.signerNotified", "mou.signed"] } }, orderBy: { at: "asc" } });
    const list = await signers();
    expect(rows.map((r) => [r.action, JSON.parse(r.after!).signerId, JSON.parse(r.before!).status, JSON.parse(r.after!).status])).toEqual([
      ["mou.signerNotified", list[0]!.id, "WAITING", "NOTIFIED"],
      ["mou.signed", list[0]!.id, "NOTIFIED", "SIGNED"],
      ["mou.signerNotified", list[1]!.id, "WAITING", "NOTIFIED"],
    ]);
    // signing again is refused by the machine (through the turn check that reads the same status)
    await expect(signVersion(null, { signerId: firstSignerId, typedName: chair.name, consent: true })).rejects.toMatchObject({ key: "mou:errors.notYourTurn" });
  });
});
