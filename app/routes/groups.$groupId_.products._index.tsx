import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { authorizeGroupAction, notFound, requireUser, requireVerifiedTrader } from "~/auth/guard.server";
import { productGroupFor } from "~/catalog/access.server";
import { expiresSoon, isExpired } from "~/catalog/certifications.server";
import { changeProductStatus, listGroupProducts, productLifecycle } from "~/catalog/products.server";
import { ProductPhoto, ProductStatusBadge } from "~/catalog/photo";
import { AssistedModeBanner } from "~/components/assisted-mode";
import { FormMessage, Notice, SummaryForm } from "~/components/form";
import { isDomainError } from "~/domain/errors";
import { formError, formRefusal, parseForm } from "~/forms/parse.server";
import { z } from "~/forms/validation";
import { formatRupiah } from "~/i18n/format";
import { detectLocale } from "~/i18n/i18n.server";

const StatusSchema = /* @__PURE__ */ (() => z.object({ productId: z.string().min(1), event: z.enum(["pause", "resume", "archive"]) }))();

/** A group's products (all statuses) for its chair or, in assisted mode, its facilitator. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const groupId = params.groupId!;
  const actor = await authorizeGroupAction(user, "update", "product", groupId, request);
  const group = await productGroupFor(actor, groupId, "update", { id: true, name: true, slug: true, verificationStatus: true });
  if (!group) throw notFound();
  const now = new Date();
  const products = (await listGroupProducts(actor, groupId)).map((p) => ({
    ...p,
    events: productLifecycle.eventsFrom(p.status),
    certExpired: p.certifications.some((c) => isExpired(c.expiresAt, now)),
    certSoon: p.certifications.some((c) => expiresSoon(c.expiresAt, now)),
  }));
  return json({ group, products, assisted: !!actor.actingForGroupId, locale: await detectLocale(request, user.locale) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const groupId = params.groupId!;
  const actor = await authorizeGroupAction(user, "update", "product", groupId, request);
  requireVerifiedTrader(user);
  const parsed = parseForm(StatusSchema, await request.formData());
  if (!parsed.ok) return formError(parsed);
  try {
    // scoped to the actor and to the group in the URL: another group's product id is not found
    await changeProductStatus(actor, parsed.data.productId, parsed.data.event, null, { groupId });
  } catch (error) {
    if (isDomainError(error) && error.key === "errors:notFound") throw notFound();
    if (isDomainError(error)) return formRefusal(error.key);
    throw error;
  }
  return redirect(`/groups/${groupId}/products?done=${parsed.data.event}`);
}

export default function GroupProducts() {
  const { t } = useTranslation();
  const { group, products, assisted, locale } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const created = params.get("created");
  return (
    <div className="space-y-4">
      {assisted ? <AssistedModeBanner groupName={group.name} /> : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{t("catalog:manage.title", { name: group.name })}</h1>
        {group.verificationStatus === "VERIFIED" ? (
          <Link to={`/groups/${group.id}/products/new`} className="btn-primary" data-testid="new-product">
            {t("catalog:manage.new")}
          </Link>
        ) : null}
      </div>
      {group.verificationStatus !== "VERIFIED" ? <Notice tone="warning">{t("errors:notVerified")}</Notice> : null}
      {created ? (
        <Notice tone="success">
          {t("catalog:manage.created")} <Link to={`/products/${created}`}>{t("catalog:manage.viewPublic")}</Link>
        </Notice>
      ) : null}
      {done ? <Notice tone="success">{t(`catalog:manage.done.${done}`)}</Notice> : null}
      <FormMessage data={data} />
      {products.length === 0 ? <p className="card text-stone-600">{t("catalog:manage.empty")}</p> : null}
      <ul className="space-y-3">
        {products.map((p) => (
          <li key={p.id} className="card flex gap-3" data-testid={`manage-${p.slug}`}>
            <div className="w-20 shrink-0">
              <ProductPhoto photo={p.photos[0] ?? null} alt="" className="aspect-square rounded-lg" />
            </div>
            <div className="min-w-0 flex-1 space-y-1">
              <div className="flex flex-wrap items-center gap-2">
                <Link to={`/groups/${group.id}/products/${p.id}`} className="font-semibold">
                  {p.name}
                </Link>
                <ProductStatusBadge status={p.status} />
                {p.certExpired ? <span className="badge bg-red-100 text-red-800">{t("catalog:cert.expired")}</span> : null}
                {!p.certExpired && p.certSoon ? <span className="badge bg-amber-100 text-amber-900">{t("catalog:cert.expiresSoon")}</span> : null}
              </div>
              <p className="text-sm text-stone-600">
                {locale === "en" ? p.category.nameEn : p.category.nameId} · {t("catalog:pricePerUnit", { price: formatRupiah(p.priceRupiah), unit: t(`catalog:unit.${p.unit}`) })}
              </p>
              <div className="flex flex-wrap gap-2">
                {p.status !== "ARCHIVED" ? (
                  <Link to={`/groups/${group.id}/products/${p.id}`} className="btn-secondary btn-small">
                    {t("catalog:manage.edit")}
                  </Link>
                ) : null}
                {p.events.map((event) => (
                  <SummaryForm method="post" key={event}>
                    <input type="hidden" name="productId" value={p.id} />
                    <button name="event" value={event} className={event === "archive" ? "btn-danger btn-small" : "btn-secondary btn-small"} data-testid={`${event}-${p.slug}`}>
                      {t(`catalog:manage.events.${event}`)}
                    </button>
                  </SummaryForm>
                ))}
              </div>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
