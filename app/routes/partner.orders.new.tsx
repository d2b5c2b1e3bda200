import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { forbidden, notFound, requirePermission, requireVerifiedTrader, actorOf } from "~/auth/guard.server";
import { Field, FormMessage, SummaryForm, TextAreaField } from "~/components/form";
import { domainErrorMessage, isDomainError } from "~/domain/errors";
import { formError, formRefusal, formValues, parseForm } from "~/forms/parse.server";
import { DATE_WINDOWS, emptyToUndefined, formDate, formText, optionalFormText, readFormInt, z } from "~/forms/validation";
import { formatRupiah } from "~/i18n/format";
import { toDateInputValue } from "~/i18n/format";
import { viewerZone } from "~/time/office-zone.server";
import { catalogueOrderForm } from "~/orders/catalogue-order-form.server";
import { addDays } from "~/orders/numbers";
import { newOrderFormKey, placeCatalogueOrder } from "~/orders/orders.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "create:order:own");
  requireVerifiedTrader(user);
  if (!user.partnerId) throw forbidden();
  const url = new URL(request.url);
  const form = await catalogueOrderForm(actorOf(user), { productSlug: url.searchParams.get("product"), groupKey: url.searchParams.get("group") });
  if (!form) throw notFound();
  const { group, defaultAddress } = form;
  const chosen = url.searchParams.get("product");
  const maxLead = Math.max(1, ...group.products.map((p) => p.leadTimeDays));
  return json({ group, chosen, defaultAddress, orderKey: newOrderFormKey(), defaultDate: toDateInputValue(addDays(new Date(), maxLead), viewerZone(user)) });
}

const Schema = /* @__PURE__ */ (() => z.object({
  groupId: z.string().min(1),
  deliveryDate: formDate(DATE_WINDOWS.nearTerm),
  deliveryAddress: formText(300),
  note: optionalFormText(1000),
  // one-time key of this form (hidden field): a second submit of the same form finds the first order
  orderKey: z.preprocess(emptyToUndefined, z.string().regex(/^[A-Za-z0-9-]{16,64}$/).optional()),
}))();

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "create:order:own");
  requireVerifiedTrader(user);
  if (!user.partnerId) throw forbidden();
  const formData = await request.formData();
  const parsed = parseForm(Schema, formData);
  if (!parsed.ok) return formError(parsed);
  const values = formValues(formData);
  const lines: { productId: string; quantity: number }[] = [];
  const errors: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (!key.startsWith("qty-") || typeof value !== "string" || value.trim() === "") continue;
    const quantity = readFormInt(value, 0, 1_000_000);
    if (!quantity.ok) errors[key] = quantity.message;
    else if (quantity.value > 0) lines.push({ productId: key.slice(4), quantity: quantity.value });
  }
  if (Object.keys(errors).length) return formError({ errors, values });
  try {
    const order = await placeCatalogueOrder(actorOf(user, request), user.partnerId, {
      groupId: parsed.data.groupId,
      lines,
      deliveryDate: parsed.data.deliveryDate,
      deliveryAddress: parsed.data.deliveryAddress,
      note: parsed.data.note,
      idempotencyKey: parsed.data.orderKey,
    });
    return redirect(`/orders/${order.id}?done=placed`);
  } catch (error) {
    if (isDomainError(error)) return formRefusal(domainErrorMessage(error), values, error.field);
    throw error;
  }
}

export default function NewCatalogueOrder() {
  const { t } = useTranslation();
  const { group, chosen, defaultAddress, defaultDate, orderKey } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("orders:new.title", { group: group.name })}</h1>
      <FormMessage data={data} />
      <SummaryForm method="post" className="space-y-3">
        <input type="hidden" name="groupId" value={group.id} />
        <input type="hidden" name="orderKey" value={orderKey} />
        {group.products.length === 0 ? <p className="text-sm text-stone-500">{t("orders:new.noProducts")}</p> : null}
        {group.products.map((p) => (
          <div key={p.id} className="card">
            <Field
              name={`qty-${p.id}`}
              type="number"
              inputMode="numeric"
              min={0}
              label={`${p.name} · ${formatRupiah(p.priceRupiah)} / ${t(`orders:unit.${p.unit}`, { defaultValue: p.unit })}`}
              hint={t("orders:new.productHint", { min: p.minOrderQty, days: p.leadTimeDays })}
              defaultValue={p.slug === chosen ? p.minOrderQty : ""}
              data={data}
            />
          </div>
        ))}
        <Field name="deliveryDate" type="date" label={t("orders:new.deliveryDate")} defaultValue={defaultDate} data={data} required />
        <Field name="deliveryAddress" label={t("orders:new.deliveryAddress")} defaultValue={defaultAddress} data={data} required />
        <TextAreaField name="note" label={t("orders:new.note")} data={data} />
        <p className="text-sm text-stone-600">{t("orders:new.priceNote")}</p>
        <button className="btn-primary" data-testid="order-submit">
          {t("orders:new.submit")}
        </button>
      </SummaryForm>
    </div>
  );
}
