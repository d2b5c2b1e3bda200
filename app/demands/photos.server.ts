import { DomainError } from "~/domain/errors";
import { detectFileType, IMAGE_TYPES, mimeOfKey, randomFileKey } from "~/http/stored-files.server";
import { getObject, putObject } from "~/storage/object-store.server";

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** Stores an offer's sample photo under offers/ in the object store; returns its key, or null when no file was chosen. */
export async function saveOfferPhoto(file: unknown): Promise<string | null> {
  if (!file || typeof file === "string") return null;
  const blob = file as File;
  if (blob.size === 0) return null;
  if (blob.size > MAX_PHOTO_BYTES) throw new DomainError("demands:validation.photoSize", { mb: 5 }, "photo");
  const bytes = Buffer.from(await blob.arrayBuffer());
  // Typed by its bytes (the declared type and the name are the sender's claim), stored under a random name.
  const type = await detectFileType(bytes, IMAGE_TYPES);
  if (!type) throw new DomainError("demands:validation.photoType", {}, "photo");
  const key = randomFileKey("offers", type);
  await putObject(key, bytes, type.mime);
  return key;
}

export async function readOfferPhoto(key: string): Promise<{ bytes: Buffer; type: string } | null> {
  if (!/^offers\/[0-9a-f-]{36}\.(jpg|png|webp)$/.test(key)) return null;
  const bytes = await getObject(key);
  return bytes ? { bytes, type: mimeOfKey(key) } : null;
}
