import { randomUUID } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { DomainError } from "~/domain/errors";

/** Root of stored uploads (see docs/developing.md). */
export function uploadDir(): string {
  return path.resolve(process.env.UPLOAD_DIR ?? "data/uploads");
}

export const MAX_PROOF_BYTES = 5 * 1024 * 1024;
/** Whole multipart form (one file plus fields); larger requests are refused before parsing. */
export const MAX_FORM_BYTES = MAX_PROOF_BYTES + 256 * 1024;

const KINDS: { ext: string; mime: string; magic: (b: Buffer) => boolean }[] = [
  { ext: "jpg", mime: "image/jpeg", magic: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: "png", mime: "image/png", magic: (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: "webp", mime: "image/webp", magic: (b) => b.length > 12 && b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP" },
  { ext: "pdf", mime: "application/pdf", magic: (b) => b.length > 5 && b.subarray(0, 5).toString("latin1") === "%PDF-" },
];

/** The uploaded file of a form field, or null when none was chosen (browsers send an empty file). */
export function fileOf(formData: FormData, name: string): File | null {
  const v = formData.get(name);
  return typeof v === "object" && v !== null && "arrayBuffer" in v && (v as File).size > 0 ? (v as File) : null;
}

/** Stores an image (or PDF) checked by its content under UPLOAD_DIR/<folder>/; returns the file key. */
export async function saveProof(file: File, folder: string, field: string): Promise<string> {
  if (file.size > MAX_PROOF_BYTES) throw new DomainError("payments:errors.fileTooLarge", { max: 5 }, field);
  const bytes = Buffer.from(await file.arrayBuffer());
  const kind = KINDS.find((k) => k.magic(bytes));
  if (!kind) throw new DomainError("payments:errors.fileType", {}, field);
  await mkdir(path.join(uploadDir(), folder), { recursive: true });
  const key = `${folder}/${randomUUID()}.${kind.ext}`;
  await writeFile(path.join(uploadDir(), key), bytes);
  return key;
}

export async function readStored(key: string): Promise<{ bytes: Buffer; mime: string } | null> {
  const root = uploadDir();
  const full = path.resolve(root, key);
  if (!full.startsWith(root + path.sep)) return null;
  try {
    const bytes = await readFile(full);
    const ext = path.extname(full).slice(1).toLowerCase();
    return { bytes, mime: KINDS.find((k) => k.ext === ext)?.mime ?? "application/octet-stream" };
  } catch {
    return null;
  }
}
