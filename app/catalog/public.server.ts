import { db } from "~/db/db.server";

/**
 * Data for the public pages (no login). Only what a buyer may see: products, the group's story and
 * place, active partnerships. Never members, NIK, PKH status or any other welfare data.
 */
const publicGroupSelect = {
  id: true,
  slug: true,
  name: true,
  type: true,
  businessKind: true,
  businessDescription: true,
  story: true,
  foundedAt: true,
  village: { select: { name: true } },
  kecamatan: { select: { name: true } },
} as const;

const photoSelect = { orderBy: { sortOrder: "asc" as const }, select: { id: true, fileKey: true, width: true, height: true } };

export async function getPublicProduct(slug: string) {
  const product = await db.product.findFirst({
    where: { slug, status: { not: "ARCHIVED" }, group: { verificationStatus: "VERIFIED", active: true } },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      unit: true,
      priceRupiah: true,
      minOrderQty: true,
      weeklyCapacity: true,
      leadTimeDays: true,
      status: true,
      createdAt: true,
      category: { select: { slug: true, nameId: true, nameEn: true } },
      group: { select: publicGroupSelect },
      deliveryAreas: { select: { kecamatan: { select: { name: true } } } },
      certifications: { orderBy: { kind: "asc" }, select: { id: true, kind: true, number: true, expiresAt: true } },
      photos: photoSelect,
    },
  });
  return product;
}

export async function getPublicGroup(slug: string) {
  const group = await db.group.findFirst({ where: { slug, verificationStatus: "VERIFIED" }, select: { ...publicGroupSelect, active: true } });
  if (!group) return null;
  const [products, partnerships] = await Promise.all([
    db.product.findMany({
      where: { groupId: group.id, status: "ACTIVE" },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        slug: true,
        name: true,
        priceRupiah: true,
        unit: true,
        weeklyCapacity: true,
        category: { select: { slug: true, nameId: true, nameEn: true } },
        photos: { ...photoSelect, take: 1 },
      },
    }),
    db.mouGroup.findMany({
      where: { groupId: group.id, mou: { status: "ACTIVE" } },
      select: { mou: { select: { id: true, startDate: true, endDate: true, partner: { select: { displayName: true, sector: true, city: true } } } } },
    }),
  ]);
  const photos = await db.productPhoto.findMany({
    where: { product: { groupId: group.id, status: "ACTIVE" } },
    orderBy: [{ createdAt: "desc" }],
    take: 8,
    select: { id: true, fileKey: true, width: true, height: true, product: { select: { name: true, slug: true } } },
  });
  return {
    group,
    products,
    partnerships: partnerships.map((p) => ({ id: p.mou.id, startDate: p.mou.startDate, endDate: p.mou.endDate, partner: p.mou.partner })),
    photos,
  };
}

/** Categories and kecamatan for the catalogue's filters: they change rarely, so they are kept for a minute. */
let optionsCache: { at: number; value: Promise<{ categories: { slug: string; nameId: string; nameEn: string }[]; kecamatans: string[] }> } | null = null;
export function catalogueFilterOptions() {
  if (!optionsCache || Date.now() - optionsCache.at > 60_000) {
    const value = Promise.all([
      db.productCategory.findMany({ orderBy: { sortOrder: "asc" }, select: { slug: true, nameId: true, nameEn: true } }),
      db.kecamatan.findMany({ orderBy: { name: "asc" }, select: { name: true } }),
    ]).then(([categories, kecamatans]) => ({ categories, kecamatans: kecamatans.map((k) => k.name) }));
    optionsCache = { at: Date.now(), value };
    value.catch(() => (optionsCache = null));
  }
  return optionsCache.value;
}
