import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, forbidden, notFound, requireUser } from "~/auth/guard.server";
import { AssistedModeBanner } from "~/components/assisted-mode";
import { ConfirmPanel } from "~/components/confirm";
import { type ActionErrors, Field, FormMessage, Notice, SummaryForm } from "~/components/form";
import { StatusBadge } from "~/components/status-badge";
import { domainErrorMessage, isDomainError } from "~/domain/errors";
import { confirmStep } from "~/forms/confirm";
import { formError, formRefusal, formValues, parseForm } from "~/forms/parse.server";
import { formText, optionalFormText, z } from "~/forms/validation";
import { formatRupiah } from "~/i18n/format";
import { useDates } from "~/time/use-dates";
import { ORDER_STATUS_TONES } from "~/orders/ui";
import { invoicePage, isOverdue } from "~/payments/invoices.server";
import { createCheckout, decidePayment, outstandingOf, previewPaymentConfirmation, recordBankTransfer, recordCash } from "~/payments/payments.server";
import { PayoutDetails } from "~/payments/payout-ui";
import { payoutForInvoice } from "~/payments/payout.server";
import { stripeEnabled } from "~/payments/stripe.server";
import { fileOf, MAX_FORM_BYTES, saveProof } from "~/payments/uploads.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await invoicePage(actorOf(user, request), params.invoiceId!);
  if (!page) throw notFound();
  const { invoice, side, actor } = page;
  return json({
    invoice,
    side,
    assisted: actor.actingForGroupId ? invoice.group.name : null,
    overdue: isOverdue(invoice),
    outstanding: invoice.status === "ISSUED" ? outstandingOf(invoice.amountRupiah, invoice.payments) : 0,
    hasPendingTransfer: invoice.payments.some((p) => p.status === "PENDING" && p.method !== "STRIPE"),
    card: stripeEnabled(),
    payout: await payoutForInvoice(invoice.group.id),
  });
}

const TransferSchema = /* @__PURE__ */ (() => z.object({ reference: formText(100) }))();
const DecideSchema = /* @__PURE__ */ (() => z.object({ paymentId: z.string().min(1), decision: z.enum(["confirm", "reject"]), reason: optionalFormText(500) }))();

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const page = await invoicePage(actorOf(user, request), params.invoiceId!);
  if (!page) throw notFound();
  const { invoice, side, actor } = page;
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_FORM_BYTES) return formRefusal("payments:errors.fileTooLarge|{\"max\":5}");
  const formData = await request.formData();
  const values = formValues(formData);
  try {
    switch (values.intent) {
      case "transfer": {
        if (side !== "partner") throw forbidden();
        const parsed = parseForm(TransferSchema, formData);
        if (!parsed.ok) return formError(parsed);
        const proof = fileOf(formData, "proof");
        if (!proof) return formError({ errors: { proof: "payments:errors.proofRequired" }, values });
        const proofKey = await saveProof(proof, "payments", "proof");
        await recordBankTransfer(actor, invoice.id, { reference: parsed.data.reference, proofKey });
        return redirect(`/invoices/${invoice.id}?done=transfer`);
      }
      case "card": {
        if (side !== "partner" || !stripeEnabled()) throw forbidden();
        const origin = process.env.APP_URL ?? new URL(request.url).origin;
        const { url } = await createCheckout(actor, invoice.id, origin);
        return redirect(url);
      }
      case "cash": {
        if (side !== "group") throw forbidden();
        await recordCash(actor, invoice.id);
        return redirect(`/invoices/${invoice.id}?done=cash`);
      }
      case "decide": {
        if (side === "partner") throw forbidden();
        const parsed = parseForm(DecideSchema, formData);
        if (!parsed.ok) return formError(parsed);
        // Confirming money received is binding (the invoice may become paid): the first post shows what happens.
        const step = confirmStep(formData);
        if (step === "malformed") return formRefusal("errors:unknownEvent", values);
        if (parsed.data.decision === "confirm" && step === "preview") {
          return json({ ok: true as const, confirm: await previewPaymentConfirmation(actor, parsed.data.paymentId, invoice.id) });
        }
        await decidePayment(actor, parsed.data.paymentId, parsed.data.decision, parsed.data.reason, new Date(), invoice.id);
        return redirect(`/invoices/${invoice.id}?done=${parsed.data.decision}`);
      }
      default:
        return formRefusal("errors:unknownEvent", values);
    }
  } catch (error) {
    if (isDomainError(error)) return formRefusal(domainErrorMessage(error), values, error.field);
    throw error;
  }
}

function DecideForm({ paymentId, data }: { paymentId: string; data: ActionErrors }) {
  const { t } = useTranslation();
  return (
    <div className="mt-2 flex flex-col gap-2 sm:flex-row sm:items-end">
      <SummaryForm method="post">
        <input type="hidden" name="intent" value="decide" />
        <input type="hidden" name="paymentId" value={paymentId} />
        <button name="decision" value="confirm" className="btn-primary" data-testid="payment-confirm">
          {t("payments:actions.confirm")}
        </button>
      </SummaryForm>
      <SummaryForm method="post" className="flex flex-1 flex-col gap-1 sm:flex-row sm:items-end">
        <input type="hidden" name="intent" value="decide" />
        <input type="hidden" name="paymentId" value={paymentId} />
        <Field name="reason" label={t("payments:actions.rejectReason")} data={data} className="flex-1" />
        <button name="decision" value="reject" className="btn-danger">
          {t("payments:actions.reject")}
        </button>
      </SummaryForm>
    </div>
  );
}

export default function InvoiceDetail() {
  const { t } = useTranslation();
  const { invoice, side, overdue, outstanding, hasPendingTransfer, card, assisted, payout } = useLoaderData<typeof loader>();
  const { date: fmtDate, dateTime: fmtDateTime } = useDates(invoice.zone);
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const cardResult = params.get("card");
  const payable = invoice.status === "ISSUED" && outstanding > 0 && !hasPendingTransfer;
  if (data && "confirm" in data) {
    const c = data.confirm;
    return (
      <ConfirmPanel
        title={t("payments:confirmStep.title", { amount: formatRupiah(c.amountRupiah), number: c.invoice.number })}
        fields={{ intent: "decide", paymentId: c.paymentId, decision: "confirm" }}
        button={t("payments:confirmStep.button", { amount: formatRupiah(c.amountRupiah) })}
        cancelTo={`/invoices/${c.invoice.id}`}
      >
        <p>{t("payments:confirmStep.what", { amount: formatRupiah(c.amountRupiah), partner: c.invoice.partner, group: c.invoice.group, reference: c.reference ?? "—" })}</p>
        <p data-testid="confirm-owed">{t("payments:confirmStep.owed", { before: formatRupiah(c.owedBefore), after: formatRupiah(c.owedAfter) })}</p>
        <p>{t(c.settles ? "payments:confirmStep.settles" : "payments:confirmStep.notSettled")}</p>
        <p>{t("payments:confirmStep.check")}</p>
      </ConfirmPanel>
    );
  }
  const formData = data && "errors" in data ? data : undefined;
  return (
    <div className="space-y-4">
      {assisted ? <AssistedModeBanner groupName={assisted} /> : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("payments:invoice.title", { number: invoice.number })}</h1>
        <span className="flex gap-2" data-testid="invoice-status">
          {overdue ? <span className="badge bg-red-100 text-red-800">{t("payments:invoices.overdue")}</span> : null}
          <StatusBadge kind="invoiceStatus" status={invoice.status} tones={ORDER_STATUS_TONES} />
        </span>
      </div>
      {done ? <Notice tone="success">{t(`payments:done.${done}`)}</Notice> : null}
      {cardResult ? <Notice tone={cardResult === "success" ? "success" : "warning"}>{t(`payments:card.${cardResult === "success" ? "success" : "cancelled"}`)}</Notice> : null}
      <FormMessage data={formData} />
      <div className="card space-y-1 text-sm">
        <p>
          <strong>{t("payments:invoice.group")}</strong> {invoice.group.name}
        </p>
        <p>
          <strong>{t("payments:invoice.partnerLabel")}</strong> {invoice.partner.displayName}
        </p>
        <p>
          <strong>{t("payments:invoice.order")}</strong>{" "}
          <Link to={`/orders/${invoice.order.id}`} className="underline">
            {invoice.order.number}
          </Link>
        </p>
        <p>
          <strong>{t("payments:invoice.issued")}</strong> {fmtDate(invoice.issuedAt)} · <strong>{t("payments:invoice.due")}</strong> {fmtDate(invoice.dueAt)}
        </p>
        <p className="text-lg">
          <strong>{t("payments:invoice.amount")}</strong> <span data-testid="invoice-amount">{formatRupiah(invoice.amountRupiah)}</span>
        </p>
        {invoice.status === "ISSUED" ? (
          <p>
            <strong>{t("payments:invoice.outstanding")}</strong> {formatRupiah(outstanding)}
          </p>
        ) : null}
        <a href={`/invoices/${invoice.id}/pdf`} className="btn-secondary inline-block" data-testid="invoice-pdf">
          {t("payments:invoice.pdf")}
        </a>
      </div>

      <section className="card space-y-2" data-testid="invoice-pay-to">
        <h2 className="font-semibold">{t("payments:payout.invoiceTitle")}</h2>
        {payout ? (
          <PayoutDetails account={payout} qrisUrl={payout.qrisKey ? `/invoices/${invoice.id}/qris` : null} />
        ) : (
          <p className="text-sm text-stone-600">{t("payments:payout.invoiceNone")}</p>
        )}
        {side === "group" ? (
          <Link to={`/groups/${invoice.group.id}/payout`} className="text-sm underline">
            {t("payments:payout.link")}
          </Link>
        ) : null}
      </section>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("payments:payments.title")}</h2>
        {invoice.payments.length === 0 ? <p className="text-sm text-stone-500">{t("payments:payments.none")}</p> : null}
        <ul className="space-y-2">
          {invoice.payments.map((p) => (
            <li key={p.id} className="card text-sm" data-testid={`payment-${p.method}`}>
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span>
                  {t(`payments:method.${p.method}`)} · {formatRupiah(p.amountRupiah)} · {fmtDateTime(p.createdAt)}
                </span>
                <StatusBadge kind="paymentStatus" status={p.status} tones={ORDER_STATUS_TONES} />
              </div>
              {p.reference ? <p>{t("payments:payments.reference", { reference: p.reference })}</p> : null}
              {p.proofKey ? (
                <a href={`/payments/${p.id}/proof`} className="underline">
                  {t("payments:payments.proof")}
                </a>
              ) : null}
              {side !== "partner" && p.status === "PENDING" && p.method === "BANK_TRANSFER" ? <DecideForm paymentId={p.id} data={formData} /> : null}
            </li>
          ))}
        </ul>
      </section>

      {side === "partner" && payable ? (
        <section className="space-y-3">
          <h2 className="text-lg font-semibold">{t("payments:pay.title", { amount: formatRupiah(outstanding) })}</h2>
          <SummaryForm method="post" encType="multipart/form-data" className="card space-y-2" data-testid="transfer-form">
            <h3 className="font-semibold">{t("payments:method.BANK_TRANSFER")}</h3>
            <p className="text-sm text-stone-600">{t("payments:pay.transferHint")}</p>
            <Field name="reference" label={t("payments:pay.reference")} data={formData} required />
            <div>
              <label htmlFor="f-proof" className="label">
                {t("payments:pay.proof")}
              </label>
              <input id="f-proof" name="proof" type="file" accept="image/*,application/pdf" className="input" required />
              {formData?.errors?.proof ? <p className="field-error">{t(formData.errors.proof.split("|")[0]!)}</p> : null}
            </div>
            <button name="intent" value="transfer" className="btn-primary" data-testid="transfer-submit">
              {t("payments:pay.transferSubmit")}
            </button>
          </SummaryForm>
          {card ? (
            <SummaryForm method="post" className="card space-y-2">
              <h3 className="font-semibold">{t("payments:method.STRIPE")}</h3>
              <p className="text-sm text-stone-600">{t("payments:pay.cardHint")}</p>
              <button name="intent" value="card" className="btn-secondary" data-testid="card-pay">
                {t("payments:pay.cardSubmit")}
              </button>
            </SummaryForm>
          ) : null}
        </section>
      ) : null}
      {side === "group" && payable ? (
        <SummaryForm method="post" className="card space-y-2">
          <h3 className="font-semibold">{t("payments:method.CASH")}</h3>
          <p className="text-sm text-stone-600">{t("payments:pay.cashHint", { amount: formatRupiah(outstanding) })}</p>
          <button name="intent" value="cash" className="btn-secondary">
            {t("payments:pay.cashSubmit")}
          </button>
        </SummaryForm>
      ) : null}
    </div>
  );
}
