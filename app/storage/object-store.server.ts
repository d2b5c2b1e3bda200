/**
 * Where stored files live (issue 15 item 5, decision 132): uploads (product photos, payment proofs, QRIS
 * images, coaching and visit files, offer photos) and sealed MoU PDFs. One module for the concern:
 *
 * - the local disk under UPLOAD_DIR (default data/uploads), the embedded default;
 * - an S3-compatible bucket when S3_BUCKET is set (AWS S3, MinIO, Ceph, Cloudflare R2, …) through
 *   `@aws-sdk/client-s3`: S3_REGION (default us-east-1), S3_ENDPOINT (for anything but AWS),
 *   S3_FORCE_PATH_STYLE=1 (MinIO and most self-hosted stores), S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY
 *   (else the SDK's own chain: environment, instance role), S3_PREFIX (a folder inside the bucket).
 *
 * Keys are the app's own (`products/<hex>-sm.webp`, `payments/<uuid>.pdf`, `mou/<id>/v1-<code>.pdf`): never
 * derived from a user's file name, and checked here to stay inside the store. Files are always served
 * through the app's routes, after the same access checks, whichever store holds them; the bucket needs no
 * public access.
 */
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";

export type ObjectStoreKind = "disk" | "s3";

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** A key the store accepts: relative segments of letters, digits, dot, dash and underscore, no "..". */
export function isStorageKey(key: string): boolean {
  return key.length <= 512 && KEY.test(key) && !key.split("/").some((segment) => segment === "." || segment === "..");
}

function checkedKey(key: string): string {
  if (!isStorageKey(key)) throw new Error(`not a storage key: ${JSON.stringify(key.slice(0, 80))}`);
  return key;
}

export function objectStoreKind(): ObjectStoreKind {
  return process.env.S3_BUCKET?.trim() ? "s3" : "disk";
}

/** The folder of the disk store. */
export function uploadRoot(): string {
  return path.resolve(process.env.UPLOAD_DIR ?? "data/uploads");
}

/** The file of `key` in the disk store (tests, the seed's checks and backups read the disk directly). */
export function localObjectPath(key: string): string {
  return path.join(uploadRoot(), checkedKey(key));
}

// ─── S3 ─────────────────────────────────────────────────────────────────────

type S3Config = { bucket: string; prefix: string; client: S3Client; signature: string };
let s3: S3Config | null = null;

function s3Config(): S3Config {
  const env = process.env;
  const signature = [env.S3_BUCKET, env.S3_REGION, env.S3_ENDPOINT, env.S3_FORCE_PATH_STYLE, env.S3_ACCESS_KEY_ID, env.S3_PREFIX].join("|");
  if (s3?.signature === signature) return s3;
  s3?.client.destroy();
  const credentials = env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY } : undefined;
  const client = new S3Client({
    region: env.S3_REGION || "us-east-1",
    endpoint: env.S3_ENDPOINT || undefined,
    forcePathStyle: /^(1|true|yes)$/i.test(env.S3_FORCE_PATH_STYLE ?? ""),
    credentials,
    // Checksums only where S3 requires them: many S3-compatible stores refuse the newer default trailers.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    maxAttempts: 3,
  });
  const prefix = (env.S3_PREFIX ?? "").replace(/^\/+|\/+$/g, "");
  s3 = { bucket: env.S3_BUCKET!.trim(), prefix: prefix ? `${prefix}/` : "", client, signature };
  return s3;
}

function isMissing(error: unknown): boolean {
  if (error instanceof NoSuchKey) return true;
  return error instanceof S3ServiceException && (error.name === "NoSuchKey" || error.name === "NotFound" || error.$metadata?.httpStatusCode === 404);
}

// ─── The store ──────────────────────────────────────────────────────────────

/** Stores `bytes` under `key` (replacing what was there). On disk: written then renamed, never half a file. */
export async function putObject(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
  checkedKey(key);
  if (objectStoreKind() === "s3") {
    const { client, bucket, prefix } = s3Config();
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: prefix + key, Body: bytes, ContentType: contentType, ContentLength: bytes.byteLength }));
    return;
  }
  const file = localObjectPath(key);
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, bytes);
  await rename(temporary, file);
}

/** The bytes stored under `key`, or null when there are none (or the key is not one of the store's). */
export async function getObject(key: string): Promise<Buffer | null> {
  if (!isStorageKey(key)) return null;
  if (objectStoreKind() === "s3") {
    const { client, bucket, prefix } = s3Config();
    try {
      const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: prefix + key }));
      return answer.Body ? Buffer.from(await answer.Body.transformToByteArray()) : Buffer.alloc(0);
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }
  try {
    return await readFile(localObjectPath(key));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "EISDIR") return null;
    throw error;
  }
}

/** Removes `key` (nothing happens when it is not there). */
export async function deleteObject(key: string): Promise<void> {
  if (!isStorageKey(key)) return;
  if (objectStoreKind() === "s3") {
    const { client, bucket, prefix } = s3Config();
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: prefix + key }));
    return;
  }
  await rm(localObjectPath(key), { force: true });
}
