import { diffFields, recordAudit } from "~/audit/audit.server";
import type { Actor } from "~/auth/guard.server";
import { db, type DbClient } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import { defineStateMachine } from "~/domain/state-machine";
import type { CertificationKind, ProductStatus, ProductUnit } from "~/generated/prisma/enums";
import { indexProductChange } from "~/search/search.server";
import { productGroupFor, productsManagedBy } from "./access.server";
import { deletePhotoFiles, MAX_PHOTOS, storePhoto, validatePhoto, type StoredPhoto, type UploadedPhoto } from "./photos.server";

export const PRODUCT_UNITS: ProductUnit[] = ["PCS", "BOX", "PACK", "KG", "LITER", "SERVICE"];
export const CERT_KINDS: CertificationKind[] = ["PIRT", "HALAL", "DINKES", "OWN_BRAND"];

/** ACTIVE ⇄ PAUSED, either → ARCHIVED (final). Archived products disappear from the catalogue but stay on past orders. */
export const productLifecycle = defineStateMachine<ProductStatus, "pause" | "resume" | "archive">("product", {
  pause: { from: ["ACTIVE"], to: "PAUSED" },
  resume: { from: ["PAUSED"], to: "ACTIVE" },
  archive: { from: ["ACTIVE", "PAUSED"], to: "ARCHIVED" },
});
export type ProductEvent = keyof typeof productLifecycle.transitions;

export type CertificationInput = { kind: CertificationKind; number: string; expiresAt?: Date | null };

export type ProductInput = {
  name: string;
  categoryId: string;
  description: string;
  unit: ProductUnit;
  priceRupiah: number;
  minOrderQty: number;
  weeklyCapacity: number;
  leadTimeDays: number;
  deliveryAreaIds: string[];
  certifications: CertificationInput[];
};

export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/&/g, " dan ")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
}

async function uniqueSlug(client: DbClient, base: string): Promise<string> {
  let slug = base || "produk";
  for (let n = 2; await client.product.findUnique({ where: { slug }, select: { id: true } }); n++) slug = `${base}-${n}`;
  return slug;
}

async function checkReferences(client: DbClient, input: ProductInput) {
  const category = await client.productCategory.findUnique({ where: { id: input.categoryId }, select: { id: true } });
  if (!category) throw new DomainError("validation:choose", {}, "categoryId");
  if (input.deliveryAreaIds.length) {
    const n = await client.kecamatan.count({ where: { id: { in: input.deliveryAreaIds } } });
    if (n !== new Set(input.deliveryAreaIds).size) throw new DomainError("validation:choose", {}, "deliveryAreaIds");
  }
  const kinds = input.certifications.map((c) => c.kind);
  if (new Set(kinds).size !== kinds.length) throw new DomainError("catalog:errors.duplicateCert", {}, "certifications");
  if (input.minOrderQty > input.weeklyCapacity) throw new DomainError("catalog:errors.minOrderAboveCapacity", {}, "minOrderQty");
}

async function processPhotos(photos: UploadedPhoto[]): Promise<StoredPhoto[]> {
  for (const p of photos) await validatePhoto(p);
  const stored: StoredPhoto[] = [];
  try {
    for (const p of photos) stored.push(await storePhoto(p.bytes));
  } catch (error) {
    for (const s of stored) await deletePhotoFiles(s.fileKey);
    throw error;
  }
  return stored;
}

function snapshot<U extends string>(p: {
  name: string;
  categoryId: string;
  description: string;
  unit: U;
  priceRupiah: number;
  minOrderQty: number;
  weeklyCapacity: number;
  leadTimeDays: number;
}) {
  const { name, categoryId, description, unit, priceRupiah, minOrderQty, weeklyCapacity, leadTimeDays } = p;
  return { name, categoryId, description, unit, priceRupiah, minOrderQty, weeklyCapacity, leadTimeDays };
}

const certText = (c: { kind: string; number: string; expiresAt?: Date | null }) =>
  `${c.kind} ${c.number}${c.expiresAt ? ` ${c.expiresAt.toISOString().slice(0, 10)}` : ""}`;

/**
 * A group lists a new product (status ACTIVE). Photos are validated before anything is written. The group is
 * loaded through the actor's product scope: another group's id is not found.
 */
export async function createProduct(actor: Actor, groupId: string, input: ProductInput, photos: UploadedPhoto[] = []) {
  const group = await productGroupFor(actor, groupId, "create", { slug: true, verificationStatus: true });
  if (!group) throw new DomainError("errors:notFound");
  if (group.verificationStatus !== "VERIFIED") throw new DomainError("errors:notVerified");
  await checkReferences(db, input);
  if (photos.length > MAX_PHOTOS) throw new DomainError("catalog:photo.tooMany", { max: MAX_PHOTOS }, "photos");
  const stored = await processPhotos(photos);
  try {
    return await db.$transaction(async (tx) => {
      const slug = await uniqueSlug(tx, slugify(`${input.name}-${group.slug}`));
      const product = await tx.product.create({
        data: {
          slug,
          groupId,
          ...snapshot(input),
          unit: input.unit,
          deliveryAreas: { create: [...new Set(input.deliveryAreaIds)].map((kecamatanId) => ({ kecamatanId })) },
          certifications: { create: input.certifications.map((c) => ({ kind: c.kind, number: c.number, expiresAt: c.expiresAt ?? null })) },
          photos: { create: stored.map((s, i) => ({ ...s, sortOrder: i })) },
        },
      });
      await recordAudit(tx, actor, {
        action: "product.create",
        entityType: "Product",
        entityId: product.id,
        after: { ...snapshot(input), deliveryAreaIds: input.deliveryAreaIds, certifications: input.certifications.map(certText), photos: stored.length },
      });
      await indexProductChange(tx, product.id);
      return product;
    });
  } catch (error) {
    for (const s of stored) await deletePhotoFiles(s.fileKey);
    throw error;
  }
}

export type PhotoChanges = { add?: UploadedPhoto[]; removeIds?: string[] };

/** Which group a product must belong to (the group in the URL); without it, any group the actor manages. */
export type ProductScopeOptions = { groupId?: string };

/**
 * Edits a product's fields, delivery areas, certifications and photos, in one audited change. The product is
 * loaded through the actor's product scope (and the guarded update repeats it): another group's product is
 * not found.
 */
export async function updateProduct(actor: Actor, productId: string, input: ProductInput, photoChanges: PhotoChanges = {}, options: ProductScopeOptions = {}) {
  const scope = productsManagedBy(actor, options.groupId);
  const current = await db.product.findFirst({
    where: { AND: [{ id: productId }, scope] },
    include: { deliveryAreas: true, certifications: true, photos: { orderBy: { sortOrder: "asc" } } },
  });
  if (!current) throw new DomainError("errors:notFound");
  if (current.status === "ARCHIVED") throw new DomainError("catalog:errors.archived");
  await checkReferences(db, input);
  const removeIds = new Set((photoChanges.removeIds ?? []).filter((id) => current.photos.some((p) => p.id === id)));
  const add = photoChanges.add ?? [];
  if (current.photos.length - removeIds.size + add.length > MAX_PHOTOS) {
    throw new DomainError("catalog:photo.tooMany", { max: MAX_PHOTOS }, "photos");
  }
  const stored = await processPhotos(add);
  const removed = current.photos.filter((p) => removeIds.has(p.id));
  try {
    await db.$transaction(async (tx) => {
      const changed = diffFields(snapshot(current), snapshot(input));
      const oldAreas = current.deliveryAreas.map((a) => a.kecamatanId).sort();
      const newAreas = [...new Set(input.deliveryAreaIds)].sort();
      const oldCerts = current.certifications.map(certText).sort();
      const newCerts = input.certifications.map(certText).sort();
      // Guarded: the row must still be in the state we read.
      const res = await tx.product.updateMany({
        where: { AND: [{ id: productId, updatedAt: current.updatedAt }, scope] },
        data: { ...snapshot(input), unit: input.unit },
      });
      if (res.count !== 1) throw new DomainError("errors:staleState");
      await tx.productDeliveryArea.deleteMany({ where: { productId } });
      if (newAreas.length) await tx.productDeliveryArea.createMany({ data: newAreas.map((kecamatanId) => ({ productId, kecamatanId })) });
      // Certifications: keep rows that did not change (and their reminder state), replace the rest.
      const kept = new Set<string>();
      const toCreate: CertificationInput[] = [];
      for (const c of input.certifications) {
        const same = current.certifications.find((o) => !kept.has(o.id) && certText(o) === certText(c));
        if (same) kept.add(same.id);
        else toCreate.push(c);
      }
      const dropped = current.certifications.filter((o) => !kept.has(o.id)).map((o) => o.id);
      if (dropped.length) await tx.productCertification.deleteMany({ where: { id: { in: dropped } } });
      for (const c of toCreate) {
        await tx.productCertification.create({ data: { productId, kind: c.kind, number: c.number, expiresAt: c.expiresAt ?? null } });
      }
      if (removeIds.size) await tx.productPhoto.deleteMany({ where: { productId, id: { in: [...removeIds] } } });
      const remaining = current.photos.filter((p) => !removeIds.has(p.id));
      for (const [i, p] of remaining.entries()) if (p.sortOrder !== i) await tx.productPhoto.update({ where: { id: p.id }, data: { sortOrder: i } });
      if (stored.length) {
        await tx.productPhoto.createMany({ data: stored.map((s, i) => ({ productId, ...s, sortOrder: remaining.length + i })) });
      }
      const before: Record<string, unknown> = { ...changed.before };
      const after: Record<string, unknown> = { ...changed.after };
      if (JSON.stringify(oldAreas) !== JSON.stringify(newAreas)) {
        before.deliveryAreaIds = oldAreas;
        after.deliveryAreaIds = newAreas;
      }
      if (JSON.stringify(oldCerts) !== JSON.stringify(newCerts)) {
        before.certifications = oldCerts;
        after.certifications = newCerts;
      }
      if (removed.length || stored.length) {
        before.photos = current.photos.length;
        after.photos = remaining.length + stored.length;
      }
      await recordAudit(tx, actor, { action: "product.update", entityType: "Product", entityId: productId, before, after });
      await indexProductChange(tx, productId);
    });
  } catch (error) {
    for (const s of stored) await deletePhotoFiles(s.fileKey);
    throw error;
  }
  for (const p of removed) await deletePhotoFiles(p.fileKey);
}

/** Pause, resume or archive a product (explicit state machine, scoped and guarded update, audited). */
export async function changeProductStatus(actor: Actor, productId: string, event: ProductEvent, reason?: string | null, options: ProductScopeOptions = {}) {
  const scope = productsManagedBy(actor, options.groupId);
  const product = await db.product.findFirst({ where: { AND: [{ id: productId }, scope] }, select: { id: true, status: true } });
  if (!product) throw new DomainError("errors:notFound");
  const next = productLifecycle.apply(product.status, event, reason);
  await db.$transaction(async (tx) => {
    const res = await tx.product.updateMany({ where: { AND: [{ id: productId, status: product.status }, scope] }, data: { status: next } });
    if (res.count !== 1) throw new DomainError("errors:staleState");
    await recordAudit(tx, actor, {
      action: `product.${event}`,
      entityType: "Product",
      entityId: productId,
      before: { status: product.status },
      after: { status: next },
      reason: reason ?? null,
    });
    await indexProductChange(tx, productId, next === "ACTIVE" ? "UPSERT" : "DELETE");
  });
  return next;
}

/** Products of a group for its own management page (every status); none when the actor does not manage the group. */
export async function listGroupProducts(actor: Actor, groupId: string) {
  return db.product.findMany({
    where: productsManagedBy(actor, groupId),
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
    select: {
      id: true,
      slug: true,
      name: true,
      status: true,
      priceRupiah: true,
      unit: true,
      weeklyCapacity: true,
      category: { select: { nameId: true, nameEn: true } },
      photos: { orderBy: { sortOrder: "asc" }, take: 1, select: { fileKey: true, width: true, height: true } },
      certifications: { select: { kind: true, expiresAt: true } },
    },
  });
}

/** A product the actor manages, of the group `groupId`, with what its edit form needs; null otherwise. */
export async function getProductForEdit(actor: Actor, groupId: string, productId: string) {
  return db.product.findFirst({
    where: { AND: [{ id: productId }, productsManagedBy(actor, groupId)] },
    include: {
      group: { select: { id: true, name: true, slug: true } },
      deliveryAreas: { select: { kecamatanId: true } },
      certifications: { orderBy: { kind: "asc" } },
      photos: { orderBy: { sortOrder: "asc" } },
    },
  });
}

/** Form choices: categories and kecamatan. */
export async function productFormOptions() {
  const [categories, kecamatans] = await Promise.all([
    db.productCategory.findMany({ orderBy: { sortOrder: "asc" }, select: { id: true, slug: true, nameId: true, nameEn: true } }),
    db.kecamatan.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } }),
  ]);
  return { categories, kecamatans };
}
