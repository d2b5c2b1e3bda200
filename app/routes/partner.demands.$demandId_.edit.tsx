import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, notFound, requirePermission, requireVerifiedTrader } from "~/auth/guard.server";
import { FormMessage } from "~/components/form";
import { demandFormOptions, demandForPartner, updateDemand } from "~/demands/demands.server";
import { DemandSchema } from "~/demands/schemas";
import { DemandForm, toDemandDefaults } from "~/demands/demand-form";
import { useDates } from "~/time/use-dates";
import { isDomainError } from "~/domain/errors";
import { formError, formRefusal, formValues, parseForm } from "~/forms/parse.server";

async function load(request: Request, demandId: string) {
  const user = await requirePermission(request, "update:demand:own");
  requireVerifiedTrader(user);
  const actor = actorOf(user, request);
  const demand = await demandForPartner(actor, demandId);
  if (!demand) throw notFound();
  return { demand, actor };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { demand, actor } = await load(request, params.demandId!);
  const { categories, kecamatans } = await demandFormOptions(actor, demand.partnerId);
  return json({ demand, categories, kecamatans });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { demand, actor } = await load(request, params.demandId!);
  const formData = await request.formData();
  const parsed = parseForm(DemandSchema, formData);
  if (!parsed.ok) return formError(parsed);
  try {
    await updateDemand(actor, demand.id, parsed.data);
  } catch (error) {
    if (isDomainError(error)) return formRefusal(error.key, formValues(formData), error.field);
    throw error;
  }
  return redirect(`/partner/demands/${demand.id}?done=saved`);
}

export default function EditDemand() {
  const { t } = useTranslation();
  const { demand, categories, kecamatans } = useLoaderData<typeof loader>();
  const { zone } = useDates(); // the partner's own office: its demands' zone
  const data = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <Link to={`/partner/demands/${demand.id}`} className="text-sm">
        {t("demands:partner.backToDemand")}
      </Link>
      <h1 className="text-2xl font-bold">{t("demands:partner.editTitle", { title: demand.title })}</h1>
      <FormMessage data={data} />
      <DemandForm data={data} defaults={toDemandDefaults(demand, zone)} categories={categories} kecamatans={kecamatans} isNew={false} />
    </div>
  );
}
