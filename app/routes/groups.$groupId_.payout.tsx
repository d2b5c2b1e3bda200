import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, notFound, requireUser } from "~/auth/guard.server";
import { AssistedModeBanner } from "~/components/assisted-mode";
import { Field, FormMessage, Notice, SummaryForm } from "~/components/form";
import { domainErrorMessage, isDomainError } from "~/domain/errors";
import { formError, formRefusal, formValues, parseForm } from "~/forms/parse.server";
import { formText, optionalFormText, z } from "~/forms/validation";
import { useDates } from "~/time/use-dates";
import { zoneOfGroup } from "~/time/office-zone.server";
import { PayoutDetails } from "~/payments/payout-ui";
import { decidePayoutAccount, payoutPage, saveQrisImage, submitPayoutAccount } from "~/payments/payout.server";
import { fileOf, MAX_FORM_BYTES } from "~/payments/uploads.server";


export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const actor = actorOf(user, request, user.role === "FACILITATOR" ? params.groupId! : null);
  const page = await payoutPage(actor, params.groupId!);
  if (!page) throw notFound();
  return json({ ...page, assisted: user.role === "FACILITATOR", zone: await zoneOfGroup(params.groupId!) });
}

const SubmitSchema = /* @__PURE__ */ (() => z.object({ bankName: formText(80), accountNumber: formText(40), holderName: formText(120) }))();
const DecideSchema = /* @__PURE__ */ (() => z.object({ accountId: z.string().min(1).max(100), decision: z.enum(["confirm", "reject"]), note: optionalFormText(500) }))();

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const groupId = params.groupId!;
  const actor = actorOf(user, request, user.role === "FACILITATOR" ? groupId : null);
  const page = await payoutPage(actor, groupId);
  if (!page) throw notFound();
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_FORM_BYTES) return formRefusal("payments:errors.fileTooLarge|{\"max\":5}");
  const formData = await request.formData();
  const values = formValues(formData);
  try {
    if (values.intent === "submit") {
      const parsed = parseForm(SubmitSchema, formData);
      if (!parsed.ok) return formError(parsed);
      if (!page.canEnter) throw new Response("errors:forbidden", { status: 403 });
      const qris = fileOf(formData, "qris");
      const qrisKey = qris ? await saveQrisImage(qris) : null;
      await submitPayoutAccount(actor, groupId, { ...parsed.data, qrisKey });
      return redirect(`/groups/${groupId}/payout?done=submitted`);
    }
    if (values.intent === "decide") {
      const parsed = parseForm(DecideSchema, formData);
      if (!parsed.ok) return formError(parsed);
      if (parsed.data.decision === "reject" && !parsed.data.note) return formError({ errors: { note: "errors:reasonRequired" }, values });
      await decidePayoutAccount(actor, parsed.data.accountId, parsed.data.decision, parsed.data.note ?? null);
      return redirect(`/groups/${groupId}/payout?done=${parsed.data.decision}`);
    }
    return formRefusal("errors:unknownEvent", values);
  } catch (error) {
    if (isDomainError(error)) {
      if (error.key === "errors:notFound") throw notFound();
      return formRefusal(domainErrorMessage(error), values, error.field);
    }
    throw error;
  }
}

export default function GroupPayout() {
  const { t } = useTranslation();
  const { group, confirmed, pending, canEnter, canConfirm, assisted, zone } = useLoaderData<typeof loader>();
  const { dateTime: fmtDateTime } = useDates(zone);
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      {assisted ? <AssistedModeBanner groupName={group.name} /> : null}
      <h1 className="text-2xl font-bold">{t("payments:payout.title", { group: group.name })}</h1>
      <p className="text-sm text-stone-600">{t("payments:payout.intro")}</p>
      {done ? <Notice tone="success">{t(`payments:payout.done.${done}`)}</Notice> : null}
      <FormMessage data={data} />
      <section className="card space-y-2" data-testid="payout-confirmed">
        <h2 className="font-semibold">{t("payments:payout.confirmed")}</h2>
        {confirmed ? (
          <PayoutDetails account={confirmed} qrisUrl={confirmed.qrisKey ? `/groups/${group.id}/payout/${confirmed.id}/qris` : null} />
        ) : (
          <p className="text-sm text-stone-600">{t("payments:payout.none")}</p>
        )}
      </section>
      {pending ? (
        <section className="card space-y-2 border-amber-300" data-testid="payout-pending">
          <h2 className="font-semibold">{t("payments:payout.pending")}</h2>
          <p className="text-sm text-stone-600">{t("payments:payout.pendingBy", { name: pending.submittedBy, at: fmtDateTime(pending.submittedAt) })}</p>
          <PayoutDetails account={pending} qrisUrl={pending.qrisKey ? `/groups/${group.id}/payout/${pending.id}/qris` : null} copy={false} />
          {canConfirm ? (
            <div className="space-y-2">
              <p className="text-sm">{t("payments:payout.confirmWhat")}</p>
              <SummaryForm method="post">
                <input type="hidden" name="intent" value="decide" />
                <input type="hidden" name="accountId" value={pending.id} />
                <button name="decision" value="confirm" className="btn-primary" data-testid="payout-confirm">
                  {t("payments:payout.confirm")}
                </button>
              </SummaryForm>
              <SummaryForm method="post" className="space-y-2">
                <input type="hidden" name="intent" value="decide" />
                <input type="hidden" name="accountId" value={pending.id} />
                <Field name="note" label={t("payments:payout.rejectReason")} data={data} />
                <button name="decision" value="reject" className="btn-danger">
                  {t("payments:payout.reject")}
                </button>
              </SummaryForm>
            </div>
          ) : (
            <p className="text-sm text-stone-600">{t("payments:payout.waitingForConfirmer")}</p>
          )}
        </section>
      ) : null}
      {canEnter ? (
        <SummaryForm method="post" encType="multipart/form-data" className="card space-y-3" data-testid="payout-form">
          <h2 className="font-semibold">{t(confirmed || pending ? "payments:payout.change" : "payments:payout.enter")}</h2>
          <Field name="bankName" label={t("payments:payout.bankName")} hint={t("payments:payout.bankHint")} data={data} required />
          <Field name="accountNumber" label={t("payments:payout.accountNumber")} inputMode="numeric" data={data} required />
          <Field name="holderName" label={t("payments:payout.holderName")} data={data} required />
          <div>
            <label htmlFor="f-qris" className="label">
              {t("payments:payout.qris")}
            </label>
            <p className="text-xs text-stone-600">{t("payments:payout.qrisHint")}</p>
            <input id="f-qris" name="qris" type="file" accept="image/png,image/jpeg,image/webp" className="input" aria-describedby={data?.errors?.qris ? "f-qris-error" : undefined} />
            {data?.errors?.qris ? (
              <p id="f-qris-error" className="field-error">
                {t(data.errors.qris.split("|")[0]!)}
              </p>
            ) : null}
          </div>
          <button name="intent" value="submit" className="btn-primary" data-testid="payout-submit">
            {t("payments:payout.submit")}
          </button>
        </SummaryForm>
      ) : null}
    </div>
  );
}
