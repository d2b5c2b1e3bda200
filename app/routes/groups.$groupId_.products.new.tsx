import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { authorizeGroupAction, notFound, requireUser, requireVerifiedTrader } from "~/auth/guard.server";
import { productGroupFor } from "~/catalog/access.server";
import { ProductForm } from "~/catalog/product-form";
import { parseProductForm, productFormRefusal } from "~/catalog/product-form.server";
import { createProduct, productFormOptions } from "~/catalog/products.server";
import { readProductForm } from "~/catalog/upload.server";
import { AssistedModeBanner } from "~/components/assisted-mode";
import { detectLocale } from "~/i18n/i18n.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const groupId = params.groupId!;
  const actor = await authorizeGroupAction(user, "create", "product", groupId, request);
  requireVerifiedTrader(user);
  const group = await productGroupFor(actor, groupId, "create", { id: true, name: true });
  if (!group) throw notFound();
  return json({ group, ...(await productFormOptions()), locale: await detectLocale(request, user.locale), assisted: !!actor.actingForGroupId, now: new Date().toISOString() });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const groupId = params.groupId!;
  const actor = await authorizeGroupAction(user, "create", "product", groupId, request);
  requireVerifiedTrader(user);
  const { formData, photos } = await readProductForm(request);
  const parsed = parseProductForm(formData);
  if (!parsed.ok) return parsed.response;
  try {
    const product = await createProduct(actor, groupId, parsed.data.input, photos);
    return redirect(`/groups/${groupId}/products?created=${encodeURIComponent(product.slug)}`);
  } catch (error) {
    return productFormRefusal(error, formData);
  }
}

export default function NewProduct() {
  const { t } = useTranslation();
  const { group, categories, kecamatans, locale, assisted, now } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      {assisted ? <AssistedModeBanner groupName={group.name} /> : null}
      <Link to={`/groups/${group.id}/products`} className="text-sm">
        {t("catalog:manage.back")}
      </Link>
      <h1 className="text-2xl font-bold">{t("catalog:manage.newTitle", { name: group.name })}</h1>
      <ProductForm categories={categories} kecamatans={kecamatans} locale={locale} data={data} submitLabel={t("catalog:manage.create")} now={now} />
    </div>
  );
}
