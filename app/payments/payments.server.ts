import { serializeOn } from "~/db/locks.server";
import { formatRupiah } from "~/i18n/format";
import StripeSdk from "stripe";
import type Stripe from "stripe";
import { recordAudit } from "~/audit/audit.server";
import type { Actor } from "~/auth/actor";
import { invoiceScope, invoiceWhere, requireSide } from "~/orders/access.server";
import { db, type DbClient } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import { dinasUserIds, groupUserIds, notifyUsers, partnerUserIds } from "~/notifications/notify.server";
import { moveOrder } from "~/orders/order-transitions.server";
import { moveInvoice } from "./invoice-transitions.server";
import { paymentMachine } from "./payment-machine";
import { movePayment } from "./payment-transitions.server";
import { idrToStripeAmount, stripeClient } from "./stripe.server";

/** Amount still to pay: invoice amount minus confirmed payments (refunds count as not paid). Pure. */
export function outstandingOf(amountRupiah: number, payments: { status: string; amountRupiah: number }[]): number {
  const paid = payments.filter((p) => p.status === "CONFIRMED").reduce((s, p) => s + p.amountRupiah, 0);
  return Math.max(0, amountRupiah - paid);
}

async function loadPayable(tx: DbClient, actor: Actor, invoiceId: string) {
  const invoice = await tx.invoice.findFirst({ where: invoiceWhere(actor, invoiceId), include: { payments: true, order: { select: { number: true } } } });
  if (!invoice) throw new DomainError("errors:notFound");
  if (invoice.status !== "ISSUED") throw new DomainError("payments:errors.notPayable");
  const outstanding = outstandingOf(invoice.amountRupiah, invoice.payments);
  if (outstanding <= 0) throw new DomainError("payments:errors.notPayable");
  if (invoice.payments.some((p) => p.status === "PENDING" && p.method !== "STRIPE")) throw new DomainError("payments:errors.pendingExists");
  return { invoice, outstanding };
}

/** When confirmed payments cover the invoice: invoice ISSUED → PAID, order INVOICED → PAID, both through their machines (audited); notified. */
async function settleIfPaid(tx: DbClient, actor: Actor | null, invoiceId: string, now: Date) {
  const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { payments: true, order: { select: { id: true, status: true } } } });
  if (invoice.status !== "ISSUED" || outstandingOf(invoice.amountRupiah, invoice.payments) > 0) return false;
  await moveInvoice(tx, actor, invoice, "pay", { data: { paidAt: now } });
  await moveOrder(tx, actor, invoice.order, "pay");
  const ids = [...(await groupUserIds(tx, invoice.groupId)), ...(await partnerUserIds(tx, invoice.partnerId))].filter((id) => id !== actor?.actorId);
  await notifyUsers(tx, ids, { kind: "payments:notify.paid", params: { number: invoice.number, amount: formatRupiah(invoice.amountRupiah) }, link: `/invoices/${invoiceId}` });
  return true;
}

/** The partner records a bank transfer (reference + proof); the group or Dinas confirms it. */
export async function recordBankTransfer(actor: Actor, invoiceId: string, input: { reference: string; proofKey: string | null }) {
  requireSide(actor, "partner");
  return db.$transaction(async (tx) => {
    const { invoice, outstanding } = await loadPayable(tx, actor, invoiceId);
    const payment = await tx.payment.create({
      data: { invoiceId, method: "BANK_TRANSFER", amountRupiah: outstanding, reference: input.reference, proofKey: input.proofKey, recordedById: actor.actorId },
    });
    await recordAudit(tx, actor, { action: "payment.record", entityType: "Payment", entityId: payment.id, after: { method: "BANK_TRANSFER", amountRupiah: outstanding, reference: input.reference, invoiceId } });
    await notifyUsers(tx, await groupUserIds(tx, invoice.groupId), {
      kind: "payments:notify.transferRecorded",
      params: { number: invoice.number, amount: formatRupiah(outstanding), reference: input.reference },
      link: `/invoices/${invoiceId}`,
    });
    return payment;
  });
}

/** Cash on delivery, recorded by the group (or its facilitator): confirmed at once. */
export async function recordCash(actor: Actor, invoiceId: string, now = new Date()) {
  requireSide(actor, "group");
  return db.$transaction(async (tx) => {
    const { invoice, outstanding } = await loadPayable(tx, actor, invoiceId);
    const created = await tx.payment.create({ data: { invoiceId, method: "CASH", amountRupiah: outstanding, recordedById: actor.actorId } });
    await recordAudit(tx, actor, { action: "payment.cash", entityType: "Payment", entityId: created.id, after: { method: "CASH", amountRupiah: outstanding, invoiceId } });
    // the group received the cash itself: confirmed at once, through the payment machine
    await movePayment(tx, actor, created, "confirm", { data: { confirmedById: actor.actorId, confirmedAt: now } });
    const payment = await tx.payment.findUniqueOrThrow({ where: { id: created.id } });
    await notifyUsers(tx, await partnerUserIds(tx, invoice.partnerId), {
      kind: "payments:notify.cashRecorded",
      params: { number: invoice.number, amount: formatRupiah(outstanding) },
      link: `/invoices/${invoiceId}`,
    });
    await settleIfPaid(tx, actor, invoiceId, now);
    return payment;
  });
}

/** The group (or its facilitator, or Dinas) confirms or rejects (with a reason) a recorded transfer. */
/**
 * What confirming a bank transfer would do, for the confirmation view (decision 115): the amount, reference
 * and invoice, what is owed before and after, whether the invoice (and its order) becomes paid. Same scope and
 * state checks as the decision; nothing is written.
 */
export async function previewPaymentConfirmation(actor: Actor, paymentId: string, invoiceId: string) {
  requireSide(actor, "group", "dinas");
  const payment = await db.payment.findFirst({
    where: { id: paymentId, invoiceId, invoice: invoiceScope(actor) },
    include: { invoice: { include: { payments: true, partner: { select: { displayName: true } }, group: { select: { name: true } } } } },
  });
  if (!payment) throw new DomainError("errors:notFound");
  if (payment.status !== "PENDING" || payment.method !== "BANK_TRANSFER") throw new DomainError("payments:errors.notPending");
  const { invoice } = payment;
  const owedBefore = outstandingOf(invoice.amountRupiah, invoice.payments);
  const owedAfter = outstandingOf(invoice.amountRupiah, invoice.payments.map((p) => (p.id === payment.id ? { ...p, status: "CONFIRMED" } : p)));
  return {
    paymentId: payment.id,
    amountRupiah: payment.amountRupiah,
    reference: payment.reference,
    invoice: { id: invoice.id, number: invoice.number, partner: invoice.partner.displayName, group: invoice.group.name },
    owedBefore,
    owedAfter,
    settles: invoice.status === "ISSUED" && owedAfter === 0,
  };
}

export async function decidePayment(actor: Actor, paymentId: string, decision: "confirm" | "reject", reason?: string | null, now = new Date(), invoiceId?: string) {
  requireSide(actor, "group", "dinas");
  return db.$transaction(async (tx) => {
    const payment = await tx.payment.findFirst({
      where: { id: paymentId, ...(invoiceId ? { invoiceId } : {}), invoice: invoiceScope(actor) },
      include: { invoice: true },
    });
    if (!payment) throw new DomainError("errors:notFound");
    if (payment.method !== "BANK_TRANSFER") throw new DomainError("payments:errors.notPending");
    await movePayment(tx, actor, payment, decision, { reason: reason ?? null, data: { confirmedById: actor.actorId, confirmedAt: now } });
    await notifyUsers(tx, (await partnerUserIds(tx, payment.invoice.partnerId)).filter((id) => id !== actor.actorId), {
      kind: decision === "confirm" ? "payments:notify.transferConfirmed" : "payments:notify.transferRejected",
      params: { number: payment.invoice.number, amount: formatRupiah(payment.amountRupiah), reason: reason ?? "" },
      link: `/invoices/${payment.invoiceId}`,
    });
    if (decision === "confirm") await settleIfPaid(tx, actor, payment.invoiceId, now);
  });
}

// ─── Stripe ──────────────────────────────────────────────────────────────────

/**
 * Creates a Stripe Checkout session in IDR for what is still owed on the invoice (amount computed
 * here, never taken from the form) and a PENDING payment bound to the session id.
 */
export async function createCheckout(actor: Actor, invoiceId: string, baseUrl: string, client: Stripe = stripeClient()) {
  requireSide(actor, "partner");
  const { invoice, outstanding } = await db.$transaction((tx) => loadPayable(tx, actor, invoiceId));
  // A second "pay by card" (issue 10 item 12, decision 068): an open checkout of this invoice for the same
  // amount is reused (the partner lands on the same Stripe page); a completed one is refused until Stripe's
  // webhook settles it; an expired one is marked so and a new checkout is made.
  for (const pending of invoice.payments.filter((p) => p.method === "STRIPE" && p.status === "PENDING" && p.stripeSessionId)) {
    let existing: Stripe.Checkout.Session;
    try {
      existing = await client.checkout.sessions.retrieve(pending.stripeSessionId!);
    } catch {
      throw new DomainError("payments:errors.stripeUnavailable");
    }
    if (existing.status === "complete") throw new DomainError("payments:errors.checkoutCompleted");
    if (existing.status === "open" && existing.url && pending.amountRupiah === outstanding) {
      await recordAudit(db, actor, { action: "payment.checkoutReused", entityType: "Payment", entityId: pending.id, after: { sessionId: existing.id } });
      return { url: existing.url, sessionId: existing.id, reused: true };
    }
    if (existing.status === "open") {
      // Open for an amount no longer owed: close it at Stripe so it cannot be paid any more.
      await client.checkout.sessions.expire(existing.id).catch(() => {
        throw new DomainError("payments:errors.stripeUnavailable");
      });
    }
    await db.$transaction(async (tx) => {
      const current = await tx.payment.findUniqueOrThrow({ where: { id: pending.id }, select: { id: true, status: true } });
      // a concurrent request (or the webhook) may have settled it meanwhile: only a still pending one expires
      if (current.status === "PENDING") await movePayment(tx, actor, current, "expire", { action: "payment.stripeExpired", auditAfter: { sessionId: existing.id } });
    });
  }
  const session = await client.checkout.sessions.create(
    {
      mode: "payment",
      currency: "idr",
      client_reference_id: invoice.id,
      metadata: { invoiceId: invoice.id, invoiceNumber: invoice.number },
      payment_intent_data: { metadata: { invoiceId: invoice.id } },
      line_items: [
        {
          quantity: 1,
          price_data: { currency: "idr", unit_amount: idrToStripeAmount(outstanding), product_data: { name: invoice.number } },
        },
      ],
      success_url: new URL(`/invoices/${invoice.id}?card=success`, baseUrl).toString(),
      cancel_url: new URL(`/invoices/${invoice.id}?card=cancelled`, baseUrl).toString(),
    },
    { idempotencyKey: `checkout-${invoice.id}-${outstanding}-${invoice.payments.length}` },
  );
  if (!session.url) throw new DomainError("payments:errors.stripeUnavailable");
  // Two clicks at once get the same session from Stripe (same idempotency key): one payment row, both redirected.
  const recorded = await db.$transaction(async (tx) => {
    // PostgreSQL: the second click waits for the first one's row, then sees it (SQLite's writer lock does this already)
    await serializeOn(tx, `stripe-checkout:${session.id}`);
    if (await tx.payment.findUnique({ where: { stripeSessionId: session.id }, select: { id: true } })) return false;
    const payment = await tx.payment.create({
      data: { invoiceId, method: "STRIPE", amountRupiah: outstanding, stripeSessionId: session.id, recordedById: actor.actorId },
    });
    await recordAudit(tx, actor, { action: "payment.checkout", entityType: "Payment", entityId: payment.id, after: { method: "STRIPE", amountRupiah: outstanding, sessionId: session.id } });
    return true;
  });
  return { url: session.url, sessionId: session.id, reused: !recorded };
}

export type WebhookResult = { status: number; body: string };

/**
 * POST /webhooks/stripe. Verifies the signature (400 and no change when it is bad), records the event id
 * in StripeEvent in the same transaction as its effect (a second delivery changes nothing), handles
 * completed / failed / expired / refunded, acknowledges and ignores other event types.
 */
export async function handleStripeWebhook(rawBody: string, signature: string | null, now = new Date()): Promise<WebhookResult> {
  const secret = process.env.STRIPE_WEBHOOK_SECRET;
  if (!secret) return { status: 400, body: "webhook secret not configured" };
  if (!signature) return { status: 400, body: "missing signature" };
  let event: Stripe.Event;
  try {
    // constructEvent needs no API key; a placeholder key builds the helper offline
    const stripe = process.env.STRIPE_SECRET_KEY ? stripeClient() : new StripeSdk("sk_placeholder_for_signature_checks");
    event = stripe.webhooks.constructEvent(rawBody, signature, secret);
  } catch {
    return { status: 400, body: "bad signature" };
  }
  const handled = ["checkout.session.completed", "checkout.session.async_payment_succeeded", "checkout.session.async_payment_failed", "checkout.session.expired", "payment_intent.payment_failed", "charge.refunded"];
  try {
    await db.$transaction(async (tx) => {
      const seen = await tx.stripeEvent.findUnique({ where: { id: event.id } });
      if (seen) return;
      await tx.stripeEvent.create({ data: { id: event.id, type: event.type, processedAt: now } });
      if (!handled.includes(event.type)) return;
      await applyStripeEvent(tx, event, now);
    });
  } catch (error) {
    // a concurrent delivery of the same event lost the race on the primary key: already processed
    if (error && typeof error === "object" && "code" in error && (error as { code: string }).code === "P2002") return { status: 200, body: "duplicate" };
    throw error;
  }
  return { status: 200, body: "ok" };
}

async function applyStripeEvent(tx: DbClient, event: Stripe.Event, now: Date) {
  const actor: Actor | null = null; // the payment provider, not a person
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded": {
      const session = event.data.object as Stripe.Checkout.Session;
      if (session.payment_status !== "paid") return; // delayed methods settle with async_payment_succeeded
      const payment = await tx.payment.findUnique({ where: { stripeSessionId: session.id }, include: { invoice: { select: { id: true, number: true, group: { select: { dinasOfficeId: true } } } } } });
      if (!payment || payment.status === "CONFIRMED") return;
      // what Stripe says was paid must be what this payment asked for, in IDR; otherwise it never settles the invoice
      const expected = idrToStripeAmount(payment.amountRupiah);
      if (session.amount_total !== expected || (session.currency ?? "").toLowerCase() !== "idr") {
        await recordAudit(tx, actor, {
          action: "payment.stripeMismatch",
          entityType: "Invoice",
          entityId: payment.invoiceId,
          after: { paymentId: payment.id, eventId: event.id, expected: { amount: expected, currency: "idr" }, received: { amount: session.amount_total ?? null, currency: session.currency ?? null } },
        });
        await notifyUsers(tx, await dinasUserIds(tx, payment.invoice.group.dinasOfficeId), {
          kind: "payments:notify.cardMismatch",
          params: { number: payment.invoice.number },
          link: `/invoices/${payment.invoiceId}`,
        });
        return;
      }
      const intent = typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? null);
      if (!paymentMachine.can(payment.status, "confirm")) {
        // Stripe took money for a payment this side already closed (expired, rejected, refunded): the
        // machine refuses to confirm it; recorded and told to Dinas to sort out by hand, the event acknowledged.
        await recordAudit(tx, actor, { action: "payment.stripeRefused", entityType: "Payment", entityId: payment.id, before: { status: payment.status }, after: { status: payment.status, eventId: event.id, intent } });
        await notifyUsers(tx, await dinasUserIds(tx, payment.invoice.group.dinasOfficeId), {
          kind: "payments:notify.cardUnexpected",
          params: { number: payment.invoice.number },
          link: `/invoices/${payment.invoiceId}`,
        });
        return;
      }
      await movePayment(tx, actor, payment, "confirm", { action: "payment.stripeCompleted", data: { confirmedAt: now, stripePaymentIntentId: intent }, auditAfter: { eventId: event.id } });
      await settleIfPaid(tx, actor, payment.invoiceId, now);
      return;
    }
    case "checkout.session.async_payment_failed":
    case "checkout.session.expired": {
      const session = event.data.object as Stripe.Checkout.Session;
      const expired = event.type === "checkout.session.expired";
      const payment = await tx.payment.findUnique({ where: { stripeSessionId: session.id } });
      if (!payment || payment.status !== "PENDING") return;
      await movePayment(tx, actor, payment, expired ? "expire" : "fail", { action: expired ? "payment.stripeExpired" : "payment.stripeFailed", auditAfter: { eventId: event.id } });
      return;
    }
    case "payment_intent.payment_failed": {
      const intent = event.data.object as Stripe.PaymentIntent;
      const invoiceId = intent.metadata?.invoiceId;
      if (!invoiceId) return;
      const payment = await tx.payment.findFirst({ where: { invoiceId, method: "STRIPE", status: "PENDING" }, orderBy: { createdAt: "desc" } });
      if (!payment) return;
      await movePayment(tx, actor, payment, "fail", { action: "payment.stripeFailed", data: { stripePaymentIntentId: intent.id }, auditAfter: { eventId: event.id } });
      const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
      await notifyUsers(tx, await partnerUserIds(tx, invoice.partnerId), { kind: "payments:notify.cardFailed", params: { number: invoice.number }, link: `/invoices/${invoiceId}` });
      return;
    }
    case "charge.refunded": {
      const charge = event.data.object as Stripe.Charge;
      const intent = typeof charge.payment_intent === "string" ? charge.payment_intent : (charge.payment_intent?.id ?? null);
      if (!intent) return;
      const payment = await tx.payment.findFirst({ where: { stripePaymentIntentId: intent, status: "CONFIRMED" } });
      if (!payment) return;
      if (charge.amount_refunded < charge.amount) return; // partial refunds are settled by hand
      await movePayment(tx, actor, payment, "refund", { action: "payment.stripeRefunded", auditAfter: { eventId: event.id } });
      const invoice = await tx.invoice.findUniqueOrThrow({ where: { id: payment.invoiceId }, include: { order: { select: { id: true, status: true } } } });
      if (invoice.status === "PAID") {
        // owed again: invoice PAID → ISSUED and order PAID → INVOICED, through their machines (audited)
        await moveInvoice(tx, actor, invoice, "refund", { data: { paidAt: null }, auditAfter: { eventId: event.id } });
        await moveOrder(tx, actor, invoice.order, "refund", { auditAfter: { eventId: event.id } });
      }
      const ids = [...(await groupUserIds(tx, invoice.groupId)), ...(await partnerUserIds(tx, invoice.partnerId))];
      await notifyUsers(tx, ids, { kind: "payments:notify.refunded", params: { number: invoice.number }, link: `/invoices/${invoice.id}` });
      return;
    }
  }
}
