import { randomBytes } from "node:crypto";
import sharp, { type OutputInfo } from "sharp";
import { DomainError } from "~/domain/errors";
import { detectFileType, IMAGE_TYPES } from "~/http/stored-files.server";
import { deleteObject, getObject, localObjectPath, putObject } from "~/storage/object-store.server";

/**
 * Product photos: JPEG, PNG or WebP up to 8 MB, detected from the bytes (not the name or the
 * declared type). Each is re-encoded to WebP at two widths; re-encoding drops EXIF/GPS and every
 * other metadata. Stored as products/<key>-<size>.webp in the object store (~/storage/object-store.server).
 */
export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
export const MAX_PHOTOS = 5;
export const PHOTO_SIZES = { sm: 480, lg: 1280 } as const;
export type PhotoSize = keyof typeof PHOTO_SIZES;
const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp"]);

const KEY = /^[a-f0-9]{24}$/;

export function isPhotoKey(key: string): boolean {
  return KEY.test(key);
}

/** The object-store key of one size of a photo. */
export function photoObjectKey(key: string, size: PhotoSize): string {
  if (!isPhotoKey(key)) throw new Error("bad photo key");
  return `products/${key}-${size}.webp`;
}

/** Its file in the disk store (tests put fixtures there). */
export function photoFile(key: string, size: PhotoSize): string {
  return localObjectPath(photoObjectKey(key, size));
}

export function photoUrl(key: string, size: PhotoSize): string {
  return `/media/products/${key}-${size}.webp`;
}

/** A file part read from a form. `tooLarge` is set when it went over the limit (its bytes were dropped). */
export type UploadedPhoto = { filename: string; contentType: string; bytes: Buffer; tooLarge: boolean };

/** Checks one upload; throws a DomainError on the `photos` field with a translated reason. */
export async function validatePhoto(upload: UploadedPhoto): Promise<void> {
  if (upload.tooLarge || upload.bytes.length > PHOTO_MAX_BYTES) {
    throw new DomainError("catalog:photo.tooLarge", { name: upload.filename, max: 8 }, "photos");
  }
  if (upload.bytes.length === 0) throw new DomainError("catalog:photo.empty", { name: upload.filename }, "photos");
  // Typed by the bytes with file-type first (as every upload), then decoded by sharp (a truncated or
  // crafted file that only starts like an image is refused too).
  if (!(await detectFileType(upload.bytes, IMAGE_TYPES))) throw new DomainError("catalog:photo.badType", { name: upload.filename }, "photos");
  let format: string | undefined;
  try {
    format = (await sharp(upload.bytes).metadata()).format;
  } catch {
    throw new DomainError("catalog:photo.badType", { name: upload.filename }, "photos");
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) throw new DomainError("catalog:photo.badType", { name: upload.filename }, "photos");
}

export type StoredPhoto = { fileKey: string; width: number; height: number };

/** Re-encodes and stores one validated photo; returns its key and the large size's dimensions. */
export async function storePhoto(bytes: Buffer): Promise<StoredPhoto> {
  const fileKey = randomBytes(12).toString("hex");
  const encoded: [PhotoSize, Buffer][] = [];
  let large: OutputInfo | undefined;
  try {
    for (const [size, width] of Object.entries(PHOTO_SIZES) as [PhotoSize, number][]) {
      const { data, info } = await sharp(bytes, { failOn: "error" })
        .rotate() // apply EXIF orientation before the metadata is dropped
        .resize({ width, height: width, fit: "inside", withoutEnlargement: true })
        .webp({ quality: size === "sm" ? 72 : 80 })
        .toBuffer({ resolveWithObject: true });
      encoded.push([size, data]);
      if (size === "lg") large = info;
    }
  } catch {
    throw new DomainError("catalog:photo.unreadable", {}, "photos");
  }
  try {
    for (const [size, data] of encoded) await putObject(photoObjectKey(fileKey, size), data, "image/webp");
  } catch (error) {
    await deletePhotoFiles(fileKey); // never one size without the other
    throw error;
  }
  return { fileKey, width: large!.width, height: large!.height };
}

export async function deletePhotoFiles(fileKey: string): Promise<void> {
  for (const size of Object.keys(PHOTO_SIZES) as PhotoSize[]) await deleteObject(photoObjectKey(fileKey, size));
}

/** The stored bytes of a photo, or null. */
export async function readPhoto(key: string, size: PhotoSize): Promise<Buffer | null> {
  if (!isPhotoKey(key) || !(size in PHOTO_SIZES)) return null;
  return getObject(photoObjectKey(key, size));
}

/** Sizes of the small variant, for width/height attributes (keeps the aspect ratio of the stored photo). */
export function smallSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, PHOTO_SIZES.sm / Math.max(width, height));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}
