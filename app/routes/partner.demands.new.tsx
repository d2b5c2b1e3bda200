import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, forbidden, requirePermission, requireVerifiedTrader } from "~/auth/guard.server";
import { FormMessage } from "~/components/form";
import { createDemand, demandFormOptions } from "~/demands/demands.server";
import { DemandSchema } from "~/demands/schemas";
import { DemandForm } from "~/demands/demand-form";
import { isDomainError } from "~/domain/errors";
import { formError, formRefusal, formValues, parseForm } from "~/forms/parse.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "create:demand:own");
  if (!user.partnerId) throw forbidden();
  requireVerifiedTrader(user);
  const { partner, ...options } = await demandFormOptions(actorOf(user, request), user.partnerId);
  return json({ ...options, address: partner.address });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "create:demand:own");
  if (!user.partnerId) throw forbidden();
  requireVerifiedTrader(user);
  const formData = await request.formData();
  const parsed = parseForm(DemandSchema, formData);
  if (!parsed.ok) return formError(parsed);
  try {
    const demand = await createDemand(actorOf(user, request), user.partnerId, parsed.data, formData.get("intent") === "publish");
    return redirect(`/partner/demands/${demand.id}?done=${formData.get("intent") === "publish" ? "published" : "saved"}`);
  } catch (error) {
    if (isDomainError(error)) return formRefusal(error.key, formValues(formData), error.field);
    throw error;
  }
}

export default function NewDemand() {
  const { t } = useTranslation();
  const { categories, kecamatans, address } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">{t("demands:partner.newTitle")}</h1>
      <FormMessage data={data} />
      <DemandForm data={data} defaults={{ deliveryAddress: address, allowSplit: true }} categories={categories} kecamatans={kecamatans} isNew />
    </div>
  );
}
