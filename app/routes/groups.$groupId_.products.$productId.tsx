import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { listAuditEvents } from "~/audit/audit.server";
import { describeAuditEvents } from "~/audit/trail.server";
import { authorizeGroupAction, notFound, requireUser, requireVerifiedTrader } from "~/auth/guard.server";
import { productFor } from "~/catalog/access.server";
import { ProductForm } from "~/catalog/product-form";
import { parseProductForm, productFormRefusal } from "~/catalog/product-form.server";
import { changeProductStatus, getProductForEdit, productFormOptions, productLifecycle, updateProduct } from "~/catalog/products.server";
import { readProductForm } from "~/catalog/upload.server";
import { ProductStatusBadge } from "~/catalog/photo";
import { AssistedModeBanner } from "~/components/assisted-mode";
import { AuditList } from "~/components/audit-list";
import { Notice } from "~/components/form";
import { detectLocale } from "~/i18n/i18n.server";

async function authorize(request: Request, groupId: string, productId: string) {
  const user = await requireUser(request);
  const actor = await authorizeGroupAction(user, "update", "product", groupId, request);
  // Another group's product is simply not found here.
  if (!(await productFor(actor, productId, groupId, { id: true }))) throw notFound();
  return { user, actor };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, actor } = await authorize(request, params.groupId!, params.productId!);
  const product = await getProductForEdit(actor, params.groupId!, params.productId!);
  if (!product) throw notFound();
  const { events } = await listAuditEvents({ entityType: "Product", entityId: product.id, take: 20 });
  return json({
    product,
    ...(await productFormOptions()),
    events: await describeAuditEvents(request, user, events),
    transitions: productLifecycle.eventsFrom(product.status),
    locale: await detectLocale(request, user.locale),
    assisted: !!actor.actingForGroupId,
    now: new Date().toISOString(),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, actor } = await authorize(request, params.groupId!, params.productId!);
  requireVerifiedTrader(user);
  const { formData, photos } = await readProductForm(request);
  const intent = formData.get("intent");
  try {
    if (intent === "pause" || intent === "resume" || intent === "archive") {
      await changeProductStatus(actor, params.productId!, intent, null, { groupId: params.groupId! });
      return redirect(`/groups/${params.groupId}/products/${params.productId}?done=${intent}`);
    }
    const parsed = parseProductForm(formData);
    if (!parsed.ok) return parsed.response;
    await updateProduct(actor, params.productId!, parsed.data.input, { add: photos, removeIds: parsed.data.removePhotoIds }, { groupId: params.groupId! });
  } catch (error) {
    return productFormRefusal(error, formData);
  }
  return redirect(`/groups/${params.groupId}/products/${params.productId}?done=saved`);
}

export default function EditProduct() {
  const { t } = useTranslation();
  const { product, categories, kecamatans, events, transitions, locale, assisted, now } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      {assisted ? <AssistedModeBanner groupName={product.group.name} /> : null}
      <Link to={`/groups/${product.group.id}/products`} className="text-sm">
        {t("catalog:manage.back")}
      </Link>
      <div className="flex flex-wrap items-center gap-2">
        <h1 className="text-2xl font-bold">{product.name}</h1>
        <ProductStatusBadge status={product.status} />
      </div>
      {done ? <Notice tone="success">{t(`catalog:manage.done.${done}`)}</Notice> : null}
      <div className="flex flex-wrap gap-2">
        {product.status === "ACTIVE" ? (
          <Link to={`/products/${product.slug}`} className="btn-secondary btn-small">
            {t("catalog:manage.viewPublic")}
          </Link>
        ) : null}
        {transitions.map((event) => (
          <Form noValidate method="post" key={event}>
            <button name="intent" value={event} className={event === "archive" ? "btn-danger btn-small" : "btn-secondary btn-small"} data-testid={`${event}-product`}>
              {t(`catalog:manage.events.${event}`)}
            </button>
          </Form>
        ))}
      </div>
      {product.status === "ARCHIVED" ? (
        <Notice tone="info">{t("catalog:errors.archived")}</Notice>
      ) : (
        <ProductForm
          defaults={{
            ...product,
            deliveryAreaIds: product.deliveryAreas.map((a) => a.kecamatanId),
            certifications: product.certifications.map((c) => ({ kind: c.kind, number: c.number, expiresAt: c.expiresAt })),
          }}
          categories={categories}
          kecamatans={kecamatans}
          locale={locale}
          data={data}
          submitLabel={t("common:save")}
          now={now}
        />
      )}
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("audit:title")}</h2>
        <AuditList events={events} />
      </section>
    </div>
  );
}
