import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import sharp, { type OutputInfo } from "sharp";
import { DomainError } from "~/domain/errors";
import { detectFileType, IMAGE_TYPES } from "~/http/stored-files.server";

/**
 * Product photos: JPEG, PNG or WebP up to 8 MB, detected from the bytes (not the name or the
 * declared type). Each is re-encoded to WebP at two widths; re-encoding drops EXIF/GPS and every
 * other metadata. Files live under UPLOAD_DIR/products/<key>-<size>.webp.
 */
export const PHOTO_MAX_BYTES = 8 * 1024 * 1024;
export const MAX_PHOTOS = 5;
export const PHOTO_SIZES = { sm: 480, lg: 1280 } as const;
export type PhotoSize = keyof typeof PHOTO_SIZES;
const ACCEPTED_FORMATS = new Set(["jpeg", "png", "webp"]);

export function uploadDir(): string {
  return path.resolve(process.env.UPLOAD_DIR ?? "data/uploads");
}

export function photoDir(): string {
  return path.join(uploadDir(), "products");
}

const KEY = /^[a-f0-9]{24}$/;

export function isPhotoKey(key: string): boolean {
  return KEY.test(key);
}

export function photoFile(key: string, size: PhotoSize): string {
  if (!isPhotoKey(key)) throw new Error("bad photo key");
  return path.join(photoDir(), `${key}-${size}.webp`);
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
  mkdirSync(photoDir(), { recursive: true });
  const fileKey = randomBytes(12).toString("hex");
  let large: OutputInfo | undefined;
  try {
    for (const [size, width] of Object.entries(PHOTO_SIZES) as [PhotoSize, number][]) {
      const info = await sharp(bytes, { failOn: "error" })
        .rotate() // apply EXIF orientation before the metadata is dropped
        .resize({ width, height: width, fit: "inside", withoutEnlargement: true })
        .webp({ quality: size === "sm" ? 72 : 80 })
        .toFile(photoFile(fileKey, size));
      if (size === "lg") large = info;
    }
  } catch {
    await deletePhotoFiles(fileKey);
    throw new DomainError("catalog:photo.unreadable", {}, "photos");
  }
  return { fileKey, width: large!.width, height: large!.height };
}

export async function deletePhotoFiles(fileKey: string): Promise<void> {
  for (const size of Object.keys(PHOTO_SIZES) as PhotoSize[]) await rm(photoFile(fileKey, size), { force: true });
}

/** The stored bytes of a photo, or null. */
export async function readPhoto(key: string, size: PhotoSize): Promise<Buffer | null> {
  if (!isPhotoKey(key)) return null;
  try {
    return await readFile(photoFile(key, size));
  } catch {
    return null;
  }
}

/** Sizes of the small variant, for width/height attributes (keeps the aspect ratio of the stored photo). */
export function smallSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, PHOTO_SIZES.sm / Math.max(width, height));
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}
