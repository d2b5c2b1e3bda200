import { randomUUID } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { DomainError } from "~/domain/errors";

const TYPES: Record<string, string> = { "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp" };
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

function uploadDir() {
  return path.resolve(process.env.UPLOAD_DIR ?? "data/uploads");
}

/** Stores an offer's sample photo under UPLOAD_DIR/offers; returns its key, or null when no file was chosen. */
export async function saveOfferPhoto(file: unknown): Promise<string | null> {
  if (!file || typeof file === "string") return null;
  const blob = file as File;
  if (blob.size === 0) return null;
  const ext = TYPES[blob.type];
  if (!ext) throw new DomainError("demands:validation.photoType", {}, "photo");
  if (blob.size > MAX_PHOTO_BYTES) throw new DomainError("demands:validation.photoSize", { mb: 5 }, "photo");
  const bytes = Buffer.from(await blob.arrayBuffer());
  const key = `offers/${randomUUID()}.${ext}`;
  await mkdir(path.join(uploadDir(), "offers"), { recursive: true });
  await writeFile(path.join(uploadDir(), key), bytes);
  return key;
}

export async function readOfferPhoto(key: string): Promise<{ bytes: Buffer; type: string } | null> {
  if (!/^offers\/[0-9a-f-]{36}\.(jpg|png|webp)$/.test(key)) return null;
  try {
    const bytes = await readFile(path.join(uploadDir(), key));
    const ext = key.split(".").pop()!;
    return { bytes, type: ext === "jpg" ? "image/jpeg" : `image/${ext}` };
  } catch {
    return null;
  }
}
