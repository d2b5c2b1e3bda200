import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, notFound, requirePermission } from "~/auth/guard.server";
import { type ActionErrors, Field, FormMessage, Notice, SelectField, SummaryForm, TextAreaField } from "~/components/form";
import { domainErrorMessage, isDomainError } from "~/domain/errors";
import { formRefusal } from "~/forms/parse.server";
import { parseContentForm } from "~/mou/content-form.server";
import type { MouContent } from "~/mou/content";
import { updateDraftContent } from "~/mou/mou.server";
import { mouDraftForEdit } from "~/mou/pages.server";

/** The draft of an MoU the user manages (Dinas of its office, an admin): 403 without the permission, else 404. */
async function loadDraft(request: Request, id: string) {
  const user = await requirePermission(request, "review:mou:any");
  const draft = await mouDraftForEdit(actorOf(user, request), id);
  if (!draft) throw notFound();
  return { user, ...draft };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { mou, version, content, products } = await loadDraft(request, params.id!);
  return json({ mou, editable: version.status === "DRAFT", versionNumber: version.versionNumber, content, products });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, content: base } = await loadDraft(request, params.id!);
  const form = await request.formData();
  const parsed = parseContentForm(form, base);
  if (!parsed.ok) return json({ ok: false as const, errors: parsed.errors, values: parsed.values }, { status: 400 });
  try {
    await updateDraftContent(actorOf(user, request), params.id!, parsed.content);
  } catch (error) {
    if (isDomainError(error)) return formRefusal(domainErrorMessage(error), {}, error.field === "endDate" ? "endDate" : "_form");
    throw error;
  }
  return redirect(`/mou/${params.id}?done=edited`);
}

const UNITS = ["PCS", "BOX", "PACK", "KG", "LITER", "SERVICE"];
const FREQUENCIES = ["ONCE", "WEEKLY", "MONTHLY", "QUARTERLY"];

export default function EditMou() {
  const { t } = useTranslation();
  const { mou, editable, versionNumber, content, products } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionErrors;
  const c = content as MouContent;
  const itemRows = [...c.scope.items, null, null];
  const coachingRows = [...c.coaching, null, null];
  const selectedDays = new Set((Array.isArray(data?.values?.["deliveryDays[]"]) ? (data!.values!["deliveryDays[]"] as string[]).map(Number) : c.scope.deliveryDays));
  const unitOptions = UNITS.map((u) => ({ value: u, label: t(`mou:unit.${u}`) }));
  const freqOptions = FREQUENCIES.map((f) => ({ value: f, label: t(`mou:frequency.${f}`) }));
  const groupOptions = c.parties.groups.map((g) => ({ value: g.id, label: g.name }));
  if (!editable) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">{t("mou:edit.title", { number: mou.number })}</h1>
        <Notice tone="warning">{t("mou:errors.notEditable")}</Notice>
        <Link to={`/mou/${mou.id}`}>{t("mou:view.backToMou")}</Link>
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <Link to={`/mou/${mou.id}`} className="text-sm">
        {t("mou:view.backToMou")}
      </Link>
      <h1 className="text-2xl font-bold">{t("mou:edit.title", { number: mou.number })}</h1>
      <p className="text-sm text-stone-600">{t("mou:edit.intro", { n: versionNumber })}</p>
      <FormMessage data={data} />
      <SummaryForm method="post" className="space-y-4">
        <input type="hidden" name="itemRows" value={itemRows.length} />
        <input type="hidden" name="coachingRows" value={coachingRows.length} />
        <section className="card space-y-3">
          <h2 className="font-semibold">{t("mou:doc.parties")}</h2>
          <Field name="title" label={t("mou:edit.titleField")} defaultValue={c.title} data={data} required />
          <p className="text-sm font-medium">{c.parties.partner.legalName}</p>
          <div className="grid gap-3 sm:grid-cols-3">
            <Field name="partnerSignatoryName" label={t("mou:edit.signatoryName")} defaultValue={c.parties.partner.signatoryName} data={data} required />
            <Field name="partnerSignatoryTitle" label={t("mou:edit.signatoryTitle")} defaultValue={c.parties.partner.signatoryTitle} data={data} required />
            <Field name="partnerSignatoryEmail" type="email" label={t("mou:edit.signatoryEmail")} hint={t("mou:edit.signatoryEmailHint")} defaultValue={c.parties.partner.signatoryEmail ?? ""} data={data} />
          </div>
          {c.parties.groups.map((g, i) => (
            <div key={g.id}>
              <p className="text-sm font-medium">{g.name}</p>
              <div className="grid gap-3 sm:grid-cols-2">
                <Field name={`group${i}ChairName`} label={t("mou:edit.chairName")} defaultValue={g.chairName} data={data} required />
                <Field name={`group${i}ChairEmail`} type="email" label={t("mou:edit.signatoryEmail")} hint={t("mou:edit.signatoryEmailHint")} defaultValue={g.chairEmail ?? ""} data={data} />
              </div>
            </div>
          ))}
          <p className="text-sm font-medium">{c.parties.dinas.name}</p>
          <div className="grid gap-3 sm:grid-cols-3">
            <Field name="dinasSignatoryName" label={t("mou:edit.signatoryName")} defaultValue={c.parties.dinas.signatoryName} data={data} required />
            <Field name="dinasSignatoryTitle" label={t("mou:edit.signatoryTitle")} defaultValue={c.parties.dinas.signatoryTitle} data={data} required />
            <Field name="dinasSignatoryEmail" type="email" label={t("mou:edit.signatoryEmail")} hint={t("mou:edit.signatoryEmailHint")} defaultValue={c.parties.dinas.signatoryEmail ?? ""} data={data} />
          </div>
        </section>
        <section className="card space-y-3">
          <TextAreaField name="background" label={t("mou:doc.background")} defaultValue={c.background} rows={4} data={data} required />
        </section>
        <section className="card space-y-3">
          <h2 className="font-semibold">{t("mou:doc.scope")}</h2>
          <p className="text-xs text-stone-500">{t("mou:edit.rowsHint")}</p>
          {itemRows.map((item, i) => (
            <fieldset key={i} className="grid gap-2 rounded-lg border border-stone-200 p-2 sm:grid-cols-6" data-testid={`item-row-${i}`}>
              <legend className="px-1 text-xs text-stone-500">{t("mou:edit.itemN", { n: i + 1 })}</legend>
              <div className="sm:col-span-2">
                <Field name={`item${i}Description`} label={t("mou:edit.description")} defaultValue={item?.description ?? ""} data={data} />
              </div>
              <SelectField name={`item${i}GroupId`} label={t("mou:edit.group")} options={groupOptions} defaultValue={item?.groupId ?? groupOptions[0]?.value} data={data} />
              <SelectField name={`item${i}Unit`} label={t("mou:edit.unit")} options={unitOptions} defaultValue={item?.unit ?? "PCS"} data={data} />
              <Field name={`item${i}Quantity`} label={t("mou:edit.quantity")} inputMode="numeric" defaultValue={item?.quantityPerDelivery ?? ""} data={data} />
              <Field name={`item${i}UnitPrice`} label={t("mou:edit.unitPrice")} inputMode="numeric" defaultValue={item?.unitPrice ?? ""} data={data} />
              <div className="sm:col-span-6">
                <SelectField
                  name={`item${i}ProductId`}
                  label={t("mou:edit.product")}
                  options={products.map((p) => ({ value: p.id, label: p.name }))}
                  placeholder={t("mou:edit.noProduct")}
                  defaultValue={item?.productId ?? ""}
                  data={data}
                />
              </div>
            </fieldset>
          ))}
          <fieldset>
            <legend className="label">{t("mou:doc.deliveryDays")}</legend>
            <div className="flex flex-wrap gap-3">
              {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                <label key={d} className="flex items-center gap-1 text-sm">
                  <input type="checkbox" name="deliveryDays[]" value={d} defaultChecked={selectedDays.has(d)} className="h-5 w-5" />
                  {t(`mou:weekday.${d}`)}
                </label>
              ))}
            </div>
          </fieldset>
          <Field name="deliveryAddress" label={t("mou:doc.deliveryAddress")} defaultValue={c.scope.deliveryAddress} data={data} required />
          <TextAreaField name="qualityStandards" label={t("mou:doc.quality")} defaultValue={c.scope.qualityStandards} rows={2} data={data} required />
        </section>
        <section className="card space-y-3">
          <TextAreaField name="obligationsPartner" label={t("mou:doc.obligationsPartner")} hint={t("mou:edit.onePerLine")} defaultValue={c.obligations.partner.join("\n")} rows={5} data={data} required />
          <TextAreaField name="obligationsGroup" label={t("mou:doc.obligationsGroup")} hint={t("mou:edit.onePerLine")} defaultValue={c.obligations.group.join("\n")} rows={5} data={data} required />
        </section>
        <section className="card space-y-3">
          <h2 className="font-semibold">{t("mou:doc.coaching")}</h2>
          <p className="text-xs text-stone-500">{t("mou:edit.coachingHint")}</p>
          {coachingRows.map((k, i) => (
            <fieldset key={i} className="grid gap-2 rounded-lg border border-stone-200 p-2 sm:grid-cols-6" data-testid={`coaching-row-${i}`}>
              <legend className="px-1 text-xs text-stone-500">{t("mou:edit.coachingN", { n: i + 1 })}</legend>
              <div className="sm:col-span-2">
                <Field name={`coaching${i}Topic`} label={t("mou:edit.topic")} defaultValue={k?.topic ?? ""} data={data} />
              </div>
              <Field name={`coaching${i}Sessions`} label={t("mou:edit.sessions")} inputMode="numeric" defaultValue={k?.sessionsCount ?? ""} data={data} />
              <SelectField name={`coaching${i}Frequency`} label={t("mou:edit.frequency")} options={freqOptions} defaultValue={k?.frequency ?? "MONTHLY"} data={data} />
              <Field name={`coaching${i}FirstDueDate`} type="date" label={t("mou:edit.firstDueDate")} defaultValue={k?.firstDueDate ?? ""} data={data} />
              <Field name={`coaching${i}Hours`} label={t("mou:edit.hours")} inputMode="numeric" defaultValue={k?.hoursPerSession ?? ""} data={data} />
            </fieldset>
          ))}
        </section>
        <section className="card space-y-3">
          <h2 className="font-semibold">{t("mou:doc.payment")}</h2>
          <div className="grid gap-3 sm:grid-cols-2">
            <SelectField
              name="paymentKind"
              label={t("mou:edit.paymentKind")}
              options={["ON_DELIVERY", "NET_DAYS", "CARD"].map((k) => ({ value: k, label: t(`mou:paymentKind.${k}`) }))}
              defaultValue={c.payment.kind}
              data={data}
            />
            <Field name="netDays" label={t("mou:edit.netDays")} inputMode="numeric" defaultValue={c.payment.kind === "NET_DAYS" ? c.payment.netDays : 14} data={data} />
            <Field name="graceDays" label={t("mou:edit.graceDays")} hint={t("mou:edit.graceDaysHint")} inputMode="numeric" defaultValue={c.payment.kind === "ON_DELIVERY" ? (c.payment.graceDays ?? 0) : 0} data={data} />
          </div>
          <div className="grid gap-3 sm:grid-cols-2">
            <Field name="startDate" type="date" label={t("mou:edit.startDate")} defaultValue={c.period.startDate} data={data} required />
            <Field name="endDate" type="date" label={t("mou:edit.endDate")} defaultValue={c.period.endDate} data={data} required />
          </div>
          <TextAreaField name="termination" label={t("mou:doc.termination")} defaultValue={c.termination} rows={3} data={data} required />
          <TextAreaField name="dispute" label={t("mou:doc.dispute")} defaultValue={c.dispute} rows={3} data={data} required />
        </section>
        <button className="btn-primary w-full sm:w-auto" data-testid="save-mou">
          {t("mou:edit.save")}
        </button>
      </SummaryForm>
    </div>
  );
}
