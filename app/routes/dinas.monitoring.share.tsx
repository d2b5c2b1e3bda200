import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { actorOf, forbidden, requirePermission } from "~/auth/guard.server";
import { Field, FormMessage, SummaryForm } from "~/components/form";
import { isDomainError } from "~/domain/errors";
import { formError, formRefusal, parseForm } from "~/forms/parse.server";
import { formInt, formText, z } from "~/forms/validation";
import { useDates } from "~/time/use-dates";
import { MonitoringFiltersSchema } from "~/monitoring/filters";
import { SHARE_MAX_DAYS } from "~/monitoring/share-limits";
import { createShareLink, listShareLinks, revokeShareLink } from "~/monitoring/share.server";

export const meta: MetaFunction = () => [{ title: "Bermitra" }];

const CreateSchema = /* @__PURE__ */ (() => z.object({ label: formText(120), days: formInt(1, SHARE_MAX_DAYS), query: z.string().max(500).optional() }))();
const RevokeSchema = /* @__PURE__ */ (() => z.object({ id: z.string().min(1).max(64) }))();

/** Dinas makes read-only links of its overview for the mayor's office (decision 088). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "share:monitoring:any");
  try {
    const links = await listShareLinks(actorOf(user, request));
    return json({ links, query: new URL(request.url).searchParams.toString() });
  } catch (error) {
    if (isDomainError(error)) throw forbidden();
    throw error;
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "share:monitoring:any");
  const actor = actorOf(user, request);
  const form = await request.formData();
  const intent = form.get("intent");
  try {
    if (intent === "revoke") {
      const parsed = parseForm(RevokeSchema, form);
      if (!parsed.ok) return formError(parsed);
      await revokeShareLink(actor, parsed.data.id);
      return json({ ok: true as const, revoked: parsed.data.id, created: null });
    }
    if (!(intent === "create")) return formRefusal("errors:badRequestBody");
    const parsed = parseForm(CreateSchema, form);
    if (!parsed.ok) return formError(parsed);
    const filters = MonitoringFiltersSchema.safeParse(Object.fromEntries(new URLSearchParams(parsed.data.query ?? "")));
    if (!filters.success) return formRefusal("monitoring:share.errors.filters", { label: parsed.data.label, days: String(parsed.data.days) });
    const link = await createShareLink(actor, { label: parsed.data.label, days: parsed.data.days, filters: filters.data });
    const url = new URL(`/share/${link.token}`, new URL(request.url).origin).toString();
    return json({ ok: true as const, created: { url, expiresAt: link.expiresAt.toISOString() }, revoked: null });
  } catch (error) {
    if (!isDomainError(error)) throw error;
    if (error.key === "errors:forbidden") throw forbidden();
    if (error.key === "errors:notFound") throw new Response("errors:notFound", { status: 404 });
    return formRefusal(error.key, {}, error.field === "days" ? "days" : "_form");
  }
}

export default function ShareLinks() {
  const { dateTime: fmtDateTime } = useDates();
  const { t } = useTranslation();
  const { links, query } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const created = data && "created" in data ? data.created : null;
  const form = data && "errors" in data ? { errors: data.errors, values: data.values } : undefined;
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link to={`/dinas/monitoring${query ? `?${query}` : ""}`}>{t("reports:share.back")}</Link>
      </p>
      <h1 className="text-2xl font-bold">{t("reports:share.title")}</h1>
      <p className="text-sm text-stone-600">{t("reports:share.intro", { max: SHARE_MAX_DAYS })}</p>

      {created ? (
        <div className="card space-y-1 border-brand-600" role="status" data-testid="share-created">
          <p className="font-semibold">{t("reports:share.created")}</p>
          <p className="break-all font-mono text-sm" data-testid="share-url">
            {created.url}
          </p>
          <p className="text-xs text-stone-500">{t("reports:share.createdHint", { date: fmtDateTime(created.expiresAt) })}</p>
        </div>
      ) : null}

      <SummaryForm method="post" className="card grid gap-3 sm:grid-cols-3" noValidate>
        <FormMessage data={form} />
        <input type="hidden" name="intent" value="create" />
        <input type="hidden" name="query" value={query} />
        <Field name="label" label={t("reports:share.label")} hint={t("reports:share.labelHint")} data={form} />
        <Field name="days" type="number" label={t("reports:share.days")} defaultValue="30" min={1} max={SHARE_MAX_DAYS} data={form} />
        <div className="self-end">
          <button className="btn-primary w-full sm:w-auto">{t("reports:share.create")}</button>
        </div>
      </SummaryForm>

      <section className="card space-y-2 overflow-x-auto">
        <h2 className="text-lg font-semibold">{t("reports:share.list")}</h2>
        {links.length === 0 ? <p className="text-sm">{t("reports:share.empty")}</p> : null}
        {links.length ? (
          <table className="data-table" data-testid="share-links">
            <thead>
              <tr>
                <th>{t("reports:share.label")}</th>
                <th>{t("reports:share.expires")}</th>
                <th>{t("reports:share.state")}</th>
                <th className="hidden sm:table-cell">{t("reports:share.views")}</th>
                <th>
                  <span className="sr-only">{t("reports:share.revoke")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {links.map((l) => (
                <tr key={l.id} data-testid="share-row">
                  <th scope="row">{l.label}</th>
                  <td>{fmtDateTime(l.expiresAt)}</td>
                  <td data-testid="share-state">{t(`reports:share.states.${l.state}`)}</td>
                  <td className="hidden sm:table-cell">{l.viewCount}</td>
                  <td>
                    {l.state === "active" ? (
                      <SummaryForm method="post">
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="id" value={l.id} />
                        <button className="btn-secondary">{t("reports:share.revoke")}</button>
                      </SummaryForm>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
    </div>
  );
}
