import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { getPublicProduct } from "~/catalog/public.server";
import { ProductPhoto, ShareButtons } from "~/catalog/ui";
import { useRootData } from "~/components/use-root-data";
import { Notice } from "~/components/form";
import { notFound } from "~/auth/guard.server";
import { detectLocale, getServerT } from "~/i18n/i18n.server";
import { formatNumber, formatRupiah } from "~/i18n/format";
import { useDates } from "~/time/use-dates";
import { zoneOfGroup } from "~/time/office-zone.server";
import { NO_SCRIPTS } from "~/components/scripts-policy";

/** Works without JavaScript: served without the client scripts (decision 128). */
export const handle = NO_SCRIPTS;

function origin(request: Request) {
  return (process.env.APP_URL ?? new URL(request.url).origin).replace(/\/$/, "");
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Bermitra" }];
  const tags = [
    { title: `${data.product.name} · ${data.product.group.name} · Bermitra` },
    { name: "description", content: data.ogDescription },
    { property: "og:type", content: "product" },
    { property: "og:title", content: data.product.name },
    { property: "og:description", content: data.ogDescription },
    { property: "og:url", content: data.url },
    { property: "og:site_name", content: "Bermitra" },
    { name: "twitter:card", content: data.ogImage ? "summary_large_image" : "summary" },
  ];
  if (data.ogImage) tags.push({ property: "og:image", content: data.ogImage.url }, { property: "og:image:width", content: String(data.ogImage.width) }, { property: "og:image:height", content: String(data.ogImage.height) });
  return tags;
};

/** Public product page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const product = await getPublicProduct(params.slug ?? "");
  if (!product) throw notFound();
  const locale = await detectLocale(request);
  const t = getServerT(locale);
  const base = origin(request);
  const url = `${base}/products/${product.slug}`;
  const first = product.photos[0];
  return json({
    product,
    /** the producing group's office zone (decision 123) */
    zone: await zoneOfGroup(product.group.id),
    locale,
    now: new Date().toISOString(),
    url,
    ogImage: first ? { url: `${base}/media/products/${first.fileKey}-lg.webp`, width: first.width, height: first.height } : null,
    ogDescription: `${formatRupiah(product.priceRupiah)} / ${t(`catalog:unit.${product.unit}`)} · ${product.group.name} · ${product.description.slice(0, 150)}`,
    shareText: t("catalog:share.productText", { name: product.name, group: product.group.name, price: formatRupiah(product.priceRupiah) }),
  });
}

export default function ProductPage() {
  const { t } = useTranslation();
  const { product, locale, now, url, shareText, zone } = useLoaderData<typeof loader>();
  const { date: fmtDate } = useDates(zone);
  const viewer = useRootData()?.user;
  const unit = t(`catalog:unit.${product.unit}`);
  const areas = product.deliveryAreas.map((a) => a.kecamatan.name);
  return (
    <article className="mx-auto max-w-3xl space-y-4" data-testid="product-page">
      <nav className="text-sm text-stone-600">
        <Link to="/products">{t("catalog:search.title")}</Link> ·{" "}
        <Link to={`/products?category=${product.category.slug}`}>{locale === "en" ? product.category.nameEn : product.category.nameId}</Link>
      </nav>
      {product.status === "PAUSED" ? <Notice tone="warning">{t("catalog:public.paused")}</Notice> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-2">
          <ProductPhoto photo={product.photos[0] ?? null} alt={product.name} size="lg" priority className="rounded-xl" />
          {product.photos.length > 1 ? (
            <ul className="grid grid-cols-4 gap-2">
              {product.photos.slice(1).map((p, i) => (
                <li key={p.id}>
                  <a href={`/media/products/${p.fileKey}-lg.webp`}>
                    <ProductPhoto photo={p} alt={t("catalog:public.photoN", { n: i + 2, name: product.name })} className="aspect-square rounded-lg" />
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <div className="space-y-3">
          <h1 className="text-2xl font-bold" data-testid="product-name">
            {product.name}
          </h1>
          <p className="text-xl font-semibold text-brand-800">{t("catalog:pricePerUnit", { price: formatRupiah(product.priceRupiah), unit })}</p>
          <p className="text-sm">
            {t("catalog:public.by")}{" "}
            <Link to={`/g/${product.group.slug}`} className="font-semibold">
              {product.group.name}
            </Link>{" "}
            · {t(`enums:groupType.${product.group.type}`)} · {product.group.village.name}, {product.group.kecamatan.name}
          </p>
          <dl className="grid grid-cols-2 gap-2 text-sm">
            <div>
              <dt className="text-stone-500">{t("catalog:fields.minOrderQty")}</dt>
              <dd>
                {formatNumber(product.minOrderQty)} {unit}
              </dd>
            </div>
            <div>
              <dt className="text-stone-500">{t("catalog:fields.weeklyCapacity")}</dt>
              <dd>
                {formatNumber(product.weeklyCapacity)} {unit}
              </dd>
            </div>
            <div>
              <dt className="text-stone-500">{t("catalog:fields.leadTimeDays")}</dt>
              <dd>{t("catalog:days", { count: product.leadTimeDays })}</dd>
            </div>
            <div>
              <dt className="text-stone-500">{t("catalog:fields.deliveryAreas")}</dt>
              <dd>{areas.length ? areas.join(", ") : product.group.kecamatan.name}</dd>
            </div>
          </dl>
          {product.status === "ACTIVE" && (!viewer || viewer.role === "PARTNER") ? (
            <Link to={`/partner/orders/new?product=${product.slug}`} className="btn-primary w-full sm:w-auto" data-testid="order-product">
              {t("catalog:public.order")}
            </Link>
          ) : null}
          <ShareButtons url={url} text={shareText} />
        </div>
      </div>
      <section className="card">
        <h2 className="mb-1 text-lg font-semibold">{t("catalog:fields.description")}</h2>
        <p className="whitespace-pre-line text-sm">{product.description}</p>
      </section>
      <section className="card">
        <h2 className="mb-2 text-lg font-semibold">{t("catalog:fields.certifications")}</h2>
        {product.certifications.length === 0 ? (
          <p className="text-sm text-stone-500">{t("catalog:public.noCerts")}</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="certifications">
            {product.certifications.map((c) => {
              const expired = !!c.expiresAt && new Date(c.expiresAt) <= new Date(now);
              return (
                <li key={c.id} className="flex flex-wrap items-center gap-2">
                  <span className="font-semibold">{t(`catalog:certKind.${c.kind}`)}</span>
                  <span>{c.number}</span>
                  {c.expiresAt ? <span className="text-stone-500">{t("catalog:public.validUntil", { date: fmtDate(c.expiresAt) })}</span> : null}
                  {expired ? <span className="badge bg-red-100 text-red-800" data-testid="cert-expired">{t("catalog:cert.expired")}</span> : null}
                </li>
              );
            })}
          </ul>
        )}
      </section>
    </article>
  );
}
