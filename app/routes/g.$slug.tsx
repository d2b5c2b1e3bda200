import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { notFound } from "~/auth/guard.server";
import { getPublicGroup } from "~/catalog/public.server";
import { ProductCard, ProductPhoto, ShareButtons } from "~/catalog/ui";
import { Notice } from "~/components/form";
import { detectLocale, getServerT } from "~/i18n/i18n.server";
import { useDates } from "~/time/use-dates";
import { zoneOfGroup } from "~/time/office-zone.server";
import { NO_SCRIPTS } from "~/components/scripts-policy";

/** Works without JavaScript: served without the client scripts (decision 128). */
export const handle = NO_SCRIPTS;

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: "Bermitra" }];
  const tags = [
    { title: `${data.group.name} · Bermitra` },
    { name: "description", content: data.ogDescription },
    { property: "og:type", content: "profile" },
    { property: "og:title", content: data.group.name },
    { property: "og:description", content: data.ogDescription },
    { property: "og:url", content: data.url },
    { property: "og:site_name", content: "Bermitra" },
  ];
  if (data.ogImage) tags.push({ property: "og:image", content: data.ogImage });
  return tags;
};

/** Public profile of a group: story, place, type, products, active partnerships, photos. No member data. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const data = await getPublicGroup(params.slug ?? "");
  if (!data) throw notFound();
  const t = getServerT(await detectLocale(request));
  const base = (process.env.APP_URL ?? new URL(request.url).origin).replace(/\/$/, "");
  const url = `${base}/g/${data.group.slug}`;
  const photo = data.photos[0];
  return json({
    ...data,
    /** the group office's zone: its dates print in it (decision 123) */
    zone: await zoneOfGroup(data.group.id),
    url,
    ogImage: photo ? `${base}/media/products/${photo.fileKey}-lg.webp` : null,
    ogDescription: `${t(`enums:groupType.${data.group.type}`)} · ${data.group.village.name}, ${data.group.kecamatan.name} · ${data.group.businessDescription.slice(0, 150)}`,
    shareText: t("catalog:share.groupText", { name: data.group.name, village: data.group.village.name }),
  });
}

export default function GroupProfile() {
  const { t } = useTranslation();
  const { group, products, partnerships, photos, url, shareText, zone } = useLoaderData<typeof loader>();
  const { date: fmtDate } = useDates(zone);
  return (
    <article className="space-y-4" data-testid="group-profile">
      <header className="space-y-1">
        <h1 className="text-2xl font-bold">{group.name}</h1>
        <p className="text-sm text-stone-600">
          {t(`enums:groupType.${group.type}`)} · {t(`enums:businessKind.${group.businessKind}`)} · {group.village.name}, {t("groups:kecamatanLabel", { name: group.kecamatan.name })}
        </p>
        {group.foundedAt ? <p className="text-sm text-stone-600">{t("catalog:group.since", { date: fmtDate(group.foundedAt) })}</p> : null}
        <ShareButtons url={url} text={shareText} />
      </header>
      {!group.active ? <Notice tone="warning">{t("catalog:group.inactive")}</Notice> : null}
      <section className="card space-y-2">
        <h2 className="text-lg font-semibold">{t("catalog:group.about")}</h2>
        <p className="text-sm">{group.businessDescription}</p>
        {group.story ? <p className="whitespace-pre-line text-sm text-stone-700">{group.story}</p> : null}
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("catalog:group.products", { count: products.length })}</h2>
        {products.length === 0 ? (
          <p className="text-sm text-stone-500">{t("catalog:group.noProducts")}</p>
        ) : (
          <ul className="grid grid-cols-2 gap-3 lg:grid-cols-4">
            {products.map((p, i) => (
              <ProductCard key={p.id} eager={i < 2} product={{ ...p, photo: p.photos[0] ?? null }} />
            ))}
          </ul>
        )}
      </section>
      <section className="card">
        <h2 className="mb-2 text-lg font-semibold">{t("catalog:group.partnerships")}</h2>
        {partnerships.length === 0 ? (
          <p className="text-sm text-stone-500">{t("catalog:group.noPartnerships")}</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="partnerships">
            {partnerships.map((p) => (
              <li key={p.id}>
                <span className="font-semibold">{p.partner.displayName}</span> · {t(`enums:sector.${p.partner.sector}`)} ·{" "}
                {t("catalog:group.partnershipPeriod", { from: fmtDate(p.startDate), to: fmtDate(p.endDate) })}
              </li>
            ))}
          </ul>
        )}
      </section>
      {photos.length ? (
        <section>
          <h2 className="mb-2 text-lg font-semibold">{t("catalog:group.photos")}</h2>
          <ul className="grid grid-cols-3 gap-2 sm:grid-cols-4">
            {photos.map((p) => (
              <li key={p.id}>
                <ProductPhoto photo={p} alt={p.product.name} className="aspect-square rounded-lg" />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
