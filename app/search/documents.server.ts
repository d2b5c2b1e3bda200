import type { DbClient } from "~/db/db.server";
import type { SearchHit } from "./query";

/**
 * What both search backends index for one product. Only products that the public may see are indexed:
 * status ACTIVE, of a group that is verified and active.
 */
export type ProductDocument = SearchHit & {
  description: string;
  /** category names in both languages and the category's keywords */
  categoryText: string;
  /** kecamatan served: the delivery areas plus the group's own kecamatan */
  areas: string[];
  /** createdAt as epoch milliseconds (sortable in both backends) */
  createdAtMs: number;
};

const select = {
  id: true,
  slug: true,
  name: true,
  description: true,
  unit: true,
  priceRupiah: true,
  minOrderQty: true,
  weeklyCapacity: true,
  status: true,
  createdAt: true,
  category: { select: { slug: true, nameId: true, nameEn: true, keywords: true } },
  group: {
    select: {
      name: true,
      slug: true,
      type: true,
      verificationStatus: true,
      active: true,
      kecamatan: { select: { name: true } },
      village: { select: { name: true } },
    },
  },
  deliveryAreas: { select: { kecamatan: { select: { name: true } } } },
  certifications: { select: { kind: true, expiresAt: true } },
  photos: { orderBy: { sortOrder: "asc" as const }, take: 1, select: { fileKey: true, width: true, height: true } },
} as const;

/** The public product filter, as a Prisma where clause. */
export const PUBLIC_PRODUCT_WHERE = {
  status: "ACTIVE" as const,
  group: { verificationStatus: "VERIFIED" as const, active: true },
};

type Row = {
  id: string;
  slug: string;
  name: string;
  description: string;
  unit: string;
  priceRupiah: number;
  minOrderQty: number;
  weeklyCapacity: number;
  createdAt: Date;
  category: { slug: string; nameId: string; nameEn: string; keywords: string };
  group: { name: string; slug: string; type: "KPM" | "KUBE"; kecamatan: { name: string }; village: { name: string } };
  deliveryAreas: { kecamatan: { name: string } }[];
  certifications: { kind: string; expiresAt: Date | null }[];
  photos: { fileKey: string; width: number; height: number }[];
};

export function toDocument(p: Row, now = new Date()): ProductDocument {
  const areas = [...new Set([p.group.kecamatan.name, ...p.deliveryAreas.map((a) => a.kecamatan.name)])].sort();
  const certs = [...new Set(p.certifications.filter((c) => !c.expiresAt || c.expiresAt > now).map((c) => c.kind))].sort();
  const photo = p.photos[0];
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    description: p.description,
    categorySlug: p.category.slug,
    categoryText: [p.category.nameId, p.category.nameEn, p.category.keywords.split(",").join(" ")].join(" "),
    groupName: p.group.name,
    groupSlug: p.group.slug,
    groupType: p.group.type,
    kecamatan: p.group.kecamatan.name,
    village: p.group.village.name,
    areas,
    certs,
    priceRupiah: p.priceRupiah,
    unit: p.unit,
    minOrderQty: p.minOrderQty,
    weeklyCapacity: p.weeklyCapacity,
    photo: photo ? { key: photo.fileKey, width: photo.width, height: photo.height } : null,
    createdAt: p.createdAt.toISOString(),
    createdAtMs: p.createdAt.getTime(),
  };
}

/** The document of one product, or null when the product must not be searchable. */
export async function loadDocument(client: DbClient, productId: string): Promise<ProductDocument | null> {
  const p = await client.product.findFirst({ where: { id: productId, ...PUBLIC_PRODUCT_WHERE }, select });
  return p ? toDocument(p as Row) : null;
}

/** All searchable documents, in batches (for rebuilding an index). */
export async function* allDocuments(client: DbClient, batchSize = 2_000): AsyncGenerator<ProductDocument[]> {
  let cursor: string | undefined;
  for (;;) {
    const rows = await client.product.findMany({
      where: PUBLIC_PRODUCT_WHERE,
      select,
      orderBy: { id: "asc" },
      take: batchSize,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
    });
    if (rows.length === 0) return;
    yield rows.map((r) => toDocument(r as Row));
    cursor = rows[rows.length - 1].id;
    if (rows.length < batchSize) return;
  }
}

/** The hit returned to callers (drops the indexing-only fields). */
export function toHit(d: ProductDocument): SearchHit {
  return {
    id: d.id,
    slug: d.slug,
    name: d.name,
    categorySlug: d.categorySlug,
    groupName: d.groupName,
    groupSlug: d.groupSlug,
    groupType: d.groupType,
    kecamatan: d.kecamatan,
    village: d.village,
    priceRupiah: d.priceRupiah,
    unit: d.unit,
    minOrderQty: d.minOrderQty,
    weeklyCapacity: d.weeklyCapacity,
    certs: d.certs,
    photo: d.photo,
    createdAt: d.createdAt,
  };
}
