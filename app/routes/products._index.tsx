import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData, useSubmit } from "@remix-run/react";
import { useRef } from "react";
import { useTranslation } from "~/i18n/react";
import { ProductCard } from "~/catalog/ui";
import { Notice } from "~/components/form";
import { catalogueFilterOptions } from "~/catalog/public.server";
import { detectLocale, getServerT } from "~/i18n/i18n.server";
import { formatNumber } from "~/i18n/format";
import { CERT_FILTERS, emptyFacets, GROUP_TYPES, PAGE_SIZE, parseSearchParams, SORTS, toSearchParams, type SearchQuery } from "~/search/query";
import { searchProducts } from "~/search/search.server";
import { NO_SCRIPTS } from "~/components/scripts-policy";

/** Works without JavaScript: served without the client scripts (decision 128). */
export const handle = NO_SCRIPTS;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title ?? "Bermitra" },
  { name: "description", content: data?.description ?? "" },
  { property: "og:title", content: data?.title ?? "Bermitra" },
  { property: "og:type", content: "website" },
  { property: "og:description", content: data?.description ?? "" },
];

/** Public catalogue: search, facets and pagination; a plain GET form, so it works without JavaScript. */
export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await detectLocale(request);
  const t = getServerT(locale);
  const parsed = parseSearchParams(new URL(request.url).searchParams);
  const query: SearchQuery = parsed.ok ? parsed.query : { q: "", sort: "relevance", page: 1, pageSize: PAGE_SIZE };
  const [result, { categories, kecamatans }] = await Promise.all([
    parsed.ok ? searchProducts(query) : Promise.resolve({ items: [], total: 0, facets: emptyFacets(), page: 1, pageSize: PAGE_SIZE, backend: "" }),
    catalogueFilterOptions(),
  ]);
  const title = query.q ? t("catalog:search.titleFor", { q: query.q }) : t("catalog:search.title");
  return json(
    {
      query,
      badParam: parsed.ok ? null : parsed.param,
      result: { items: result.items, total: result.total, facets: result.facets, page: result.page, pageSize: result.pageSize },
      categories: categories.map((c) => ({ slug: c.slug, name: locale === "en" ? c.nameEn : c.nameId })),
      kecamatans,
      title: `${title} · Bermitra`,
      description: t("catalog:search.metaDescription"),
    },
    { status: parsed.ok ? 200 : 400 },
  );
}

function FacetList({
  title,
  dim,
  values,
  counts,
  selected,
  query,
}: {
  title: string;
  dim: "category" | "kecamatan" | "groupType" | "cert";
  values: { value: string; label: string }[];
  counts: Record<string, number>;
  selected?: string;
  query: SearchQuery;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <h2 className="mb-1 text-sm font-semibold text-stone-700">{title}</h2>
      <ul className="space-y-0.5 text-sm" data-testid={`facet-${dim}`}>
        {values.map(({ value, label }) => {
          const active = selected === value;
          const n = counts[value] ?? 0;
          if (!active && n === 0) return null;
          return (
            <li key={value}>
              <Link
                to={`/products${toSearchParams(query, { [dim]: active ? undefined : value, page: undefined })}`}
                className={`flex justify-between gap-2 rounded px-1 py-1 no-underline hover:bg-stone-100 ${active ? "bg-brand-50 font-semibold" : "text-stone-800"}`}
                aria-current={active ? "true" : undefined}
              >
                <span>
                  {active ? "✓ " : ""}
                  {label}
                </span>
                <span className="text-stone-500" aria-label={t("catalog:search.count", { count: n })}>
                  {formatNumber(n)}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export default function Catalogue() {
  const { t } = useTranslation();
  const { query, badParam, result, categories, kecamatans } = useLoaderData<typeof loader>();
  // Results follow the typing (prefix search): here when the page runs in React (reached by a client-side
  // navigation), else through the inline script of script-free pages; without JavaScript the form submits.
  const submit = useSubmit();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const searchAsYouType = (event: React.ChangeEvent<HTMLInputElement>) => {
    const form = event.currentTarget.form;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (!form) return;
      const data = new URLSearchParams();
      for (const [key, value] of new FormData(form)) if (typeof value === "string" && value !== "" && key !== "page") data.append(key, value);
      if (data.get("sort") === "relevance") data.delete("sort");
      submit(data, { method: "get", action: "/products", replace: true, preventScrollReset: true });
    }, 350);
  };
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const categoryName = new Map(categories.map((c) => [c.slug, c.name]));
  const filters = (
    <>
      <div>
        <label htmlFor="s-category" className="label">
          {t("catalog:fields.category")}
        </label>
        <select id="s-category" name="category" className="input" defaultValue={query.category ?? ""}>
          <option value="">{t("catalog:search.all")}</option>
          {categories.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="s-kecamatan" className="label">
          {t("catalog:search.kecamatan")}
        </label>
        <select id="s-kecamatan" name="kecamatan" className="input" defaultValue={query.kecamatan ?? ""}>
          <option value="">{t("catalog:search.all")}</option>
          {kecamatans.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="s-groupType" className="label">
          {t("catalog:search.groupType")}
        </label>
        <select id="s-groupType" name="groupType" className="input" defaultValue={query.groupType ?? ""}>
          <option value="">{t("catalog:search.all")}</option>
          {GROUP_TYPES.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="s-cert" className="label">
          {t("catalog:search.cert")}
        </label>
        <select id="s-cert" name="cert" className="input" defaultValue={query.cert ?? ""}>
          <option value="">{t("catalog:search.all")}</option>
          {CERT_FILTERS.map((c) => (
            <option key={c} value={c}>
              {t(`catalog:certKind.${c}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="grid grid-cols-2 gap-2">
        <div>
          <label htmlFor="s-minPrice" className="label">
            {t("catalog:search.minPrice")}
          </label>
          <input id="s-minPrice" name="minPrice" inputMode="numeric" className="input" defaultValue={query.minPrice ?? ""} aria-invalid={badParam === "minPrice" ? true : undefined} />
        </div>
        <div>
          <label htmlFor="s-maxPrice" className="label">
            {t("catalog:search.maxPrice")}
          </label>
          <input id="s-maxPrice" name="maxPrice" inputMode="numeric" className="input" defaultValue={query.maxPrice ?? ""} aria-invalid={badParam === "maxPrice" ? true : undefined} />
        </div>
      </div>
      <div>
        <label htmlFor="s-minCapacity" className="label">
          {t("catalog:search.minCapacity")}
        </label>
        <input id="s-minCapacity" name="minCapacity" inputMode="numeric" className="input" defaultValue={query.minCapacity ?? ""} />
      </div>
      <div>
        <label htmlFor="s-sort" className="label">
          {t("catalog:search.sort")}
        </label>
        <select id="s-sort" name="sort" className="input" defaultValue={query.sort}>
          {SORTS.map((s) => (
            <option key={s} value={s}>
              {t(`catalog:search.sorts.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn-secondary w-full">
        {t("common:filter")}
      </button>
    </>
  );
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("catalog:search.title")}</h1>
      <Form noValidate method="get" action="/products" className="space-y-3" role="search">
        <div className="flex gap-2">
          <label htmlFor="s-q" className="sr-only">
            {t("catalog:search.label")}
          </label>
          <input id="s-q" name="q" type="search" className="input" defaultValue={query.q} placeholder={t("catalog:search.placeholder")} autoComplete="off" onChange={searchAsYouType} data-live-search="" />
          <button type="submit" className="btn-primary">
            {t("common:search")}
          </button>
        </div>
        {badParam ? <Notice tone="warning">{t("catalog:search.badParam", { param: badParam })}</Notice> : null}
        <details className="card">
          <summary className="cursor-pointer font-semibold">{t("catalog:search.filters")}</summary>
          <div className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">{filters}</div>
        </details>
        {/* data-live-results: what the script-free page's search-as-you-type replaces (app/components/scripts-policy.ts) */}
        <div className="grid gap-4 md:grid-cols-[16rem_1fr]" data-live-results="">
          {/* On a phone the results come first, the facet counts after them. */}
          <aside className="order-2 space-y-4 md:order-1">
            <div className="card space-y-3" data-testid="facets">
              <FacetList
                title={t("catalog:fields.category")}
                dim="category"
                values={categories.map((c) => ({ value: c.slug, label: c.name }))}
                counts={result.facets.category}
                selected={query.category}
                query={query}
              />
              <FacetList title={t("catalog:search.kecamatan")} dim="kecamatan" values={kecamatans.map((k) => ({ value: k, label: k }))} counts={result.facets.kecamatan} selected={query.kecamatan} query={query} />
              <FacetList title={t("catalog:search.groupType")} dim="groupType" values={GROUP_TYPES.map((g) => ({ value: g, label: g }))} counts={result.facets.groupType} selected={query.groupType} query={query} />
              <FacetList title={t("catalog:search.cert")} dim="cert" values={CERT_FILTERS.map((c) => ({ value: c, label: t(`catalog:certKind.${c}`) }))} counts={result.facets.cert} selected={query.cert} query={query} />
            </div>
          </aside>
          <section aria-live="polite" className="order-1 md:order-2">
            <p className="mb-2 text-sm text-stone-600" data-testid="result-count">
              {query.category
                ? t("catalog:search.resultsIn", { count: result.total, value: formatNumber(result.total), category: categoryName.get(query.category) ?? query.category })
                : t("catalog:search.results", { count: result.total, value: formatNumber(result.total) })}
            </p>
            {result.items.length === 0 ? (
              <p className="card text-stone-600">{t("catalog:search.none")}</p>
            ) : (
              <ul className="grid grid-cols-2 gap-3 lg:grid-cols-3" data-testid="results">
                {result.items.map((item, i) => (
                  <ProductCard key={item.id} product={item} eager={i < 2} />
                ))}
              </ul>
            )}
            {pages > 1 ? (
              <nav aria-label={t("common:pagination")} className="mt-4 flex items-center justify-between gap-2 text-sm">
                {result.page > 1 ? (
                  <Link to={`/products${toSearchParams(query, { page: result.page - 1 })}`} className="btn-secondary btn-small" rel="prev">
                    {t("common:previous")}
                  </Link>
                ) : (
                  <span />
                )}
                <span>{t("common:pageOf", { page: result.page, pages })}</span>
                {result.page < pages ? (
                  <Link to={`/products${toSearchParams(query, { page: result.page + 1 })}`} className="btn-secondary btn-small" rel="next">
                    {t("common:next")}
                  </Link>
                ) : (
                  <span />
                )}
              </nav>
            ) : null}
          </section>
        </div>
      </Form>
    </div>
  );
}
