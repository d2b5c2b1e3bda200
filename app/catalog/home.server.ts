import { db } from "~/db/db.server";
import type { AppLocale } from "~/i18n/config";

/**
 * What the public home page shows (no actor: anyone may read it): the catalogue's categories, a few
 * verified groups with active products, and the counts of verified groups, partners and active products.
 */
export async function publicHomePage(locale: AppLocale) {
  const [categories, groups, counts] = await Promise.all([
    db.productCategory.findMany({ orderBy: { sortOrder: "asc" }, select: { slug: true, nameId: true, nameEn: true } }),
    db.group.findMany({
      where: { verificationStatus: "VERIFIED", active: true, products: { some: { status: "ACTIVE" } } },
      orderBy: { foundedAt: "asc" },
      take: 6,
      select: { slug: true, name: true, type: true, businessDescription: true, village: { select: { name: true } }, kecamatan: { select: { name: true } } },
    }),
    Promise.all([
      db.group.count({ where: { verificationStatus: "VERIFIED", active: true } }),
      db.partner.count({ where: { verificationStatus: "VERIFIED" } }),
      db.product.count({ where: { status: "ACTIVE" } }),
    ]),
  ]);
  return {
    categories: categories.map((c) => ({ slug: c.slug, name: locale === "en" ? c.nameEn : c.nameId })),
    groups,
    stats: { groups: counts[0], partners: counts[1], products: counts[2] },
  };
}
