import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, forbidden, requirePermission } from "~/auth/guard.server";
import { isDomainError } from "~/domain/errors";
import { annualReportOptions } from "~/reports/annual.server";

export const meta: MetaFunction = () => [{ title: "Bermitra" }];

/** The annual report: pick a year (and, for the province, a city) and download the PDF (decision 089). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:monitoring:any");
  const actor = actorOf(user, request);
  try {
    return json(await annualReportOptions(actor));
  } catch (error) {
    if (isDomainError(error)) throw forbidden();
    throw error;
  }
}

export default function AnnualReportPage() {
  const { t } = useTranslation();
  const { years, offices } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("reports:annual.pageTitle")}</h1>
      <p className="text-sm text-stone-600">{t("reports:annual.pageIntro")}</p>
      <Form method="get" action="/dinas/reports/annual.pdf" reloadDocument className="card grid gap-3 sm:grid-cols-3" data-testid="annual-form">
        <div>
          <label htmlFor="r-year" className="label">
            {t("reports:annual.year")}
          </label>
          <select id="r-year" name="year" className="input" defaultValue={String(years[0])}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
        {offices.length > 1 ? (
          <div>
            <label htmlFor="r-office" className="label">
              {t("monitoring:filters.office")}
            </label>
            <select id="r-office" name="officeId" className="input" defaultValue="">
              <option value="">{t("monitoring:filters.all")}</option>
              {offices.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="self-end">
          <button className="btn-primary w-full sm:w-auto">{t("reports:annual.download")}</button>
        </div>
      </Form>
    </div>
  );
}
