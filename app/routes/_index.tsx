import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { publicHomePage } from "~/catalog/home.server";
import { detectLocale } from "~/i18n/i18n.server";
import { NO_SCRIPTS } from "~/components/scripts-policy";

/** Works without JavaScript: served without the client scripts (decision 128). */
export const handle = NO_SCRIPTS;

export const meta: MetaFunction = () => [
  { title: "Bermitra — Kemitraan kelompok usaha perempuan & KUBE" },
  { name: "description", content: "Marketplace kemitraan antara KPM/KUBE dan mitra swasta, dipantau Dinas Sosial." },
];

/** Public home: what Bermitra is, the catalogue's categories and featured groups. */
export async function loader({ request }: LoaderFunctionArgs) {
  return json(await publicHomePage(await detectLocale(request)));
}

export default function Index() {
  const { t } = useTranslation();
  const { categories, groups, stats } = useLoaderData<typeof loader>();
  return (
    <div className="space-y-6">
      <section className="rounded-2xl bg-brand-50 p-5">
        <h1 className="text-2xl font-bold text-brand-800 sm:text-3xl">{t("home:title")}</h1>
        <p className="mt-2 text-stone-700">{t("home:lead")}</p>
        <Form noValidate method="get" action="/products" className="mt-4 flex gap-2" role="search">
          <label htmlFor="home-q" className="sr-only">
            {t("home:searchLabel")}
          </label>
          <input id="home-q" name="q" type="search" className="input" placeholder={t("home:searchPlaceholder")} />
          <button className="btn-primary">{t("common:search")}</button>
        </Form>
        <p className="mt-3 text-sm text-stone-600">{t("home:stats", stats)}</p>
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("home:categories")}</h2>
        <ul className="flex flex-wrap gap-2">
          {categories.map((c) => (
            <li key={c.slug}>
              <Link to={`/products?category=${c.slug}`} className="inline-block rounded-full border border-stone-300 bg-white px-3 py-1.5 text-sm text-stone-800">
                {c.name}
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section>
        <h2 className="mb-2 text-lg font-semibold">{t("home:featuredGroups")}</h2>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {groups.map((g) => (
            <li key={g.slug} className="card">
              <Link to={`/g/${g.slug}`} className="font-semibold">
                {g.name}
              </Link>
              <p className="text-xs text-stone-600">
                {t(`enums:groupType.${g.type}`)} · {g.village.name}, {g.kecamatan.name}
              </p>
              <p className="mt-1 line-clamp-2 text-sm text-stone-700">{g.businessDescription}</p>
            </li>
          ))}
        </ul>
      </section>
      <section className="grid gap-3 sm:grid-cols-3">
        {(["group", "partner", "dinas"] as const).map((who) => (
          <div key={who} className="card">
            <h3 className="font-semibold">{t(`home:for.${who}.title`)}</h3>
            <p className="text-sm text-stone-700">{t(`home:for.${who}.body`)}</p>
          </div>
        ))}
      </section>
      <p className="text-center">
        <Link to="/signup" className="btn-primary">
          {t("home:join")}
        </Link>
      </p>
    </div>
  );
}
