import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { DomainError } from "~/domain/errors";
import { detectFileType, DOCUMENT_TYPES, IMAGE_TYPES, mimeOfKey, randomFileKey, sanitizeFileName, type DetectedType } from "~/http/stored-files.server";

/** Root of stored uploads (see docs/developing.md). */
export function uploadDir(): string {
  return path.resolve(process.env.UPLOAD_DIR ?? "data/uploads");
}

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const MAX_FILES_PER_FORM = 5;

/** Allowed types, detected from the bytes (~/http/stored-files.server). */
export const IMAGE_KINDS = IMAGE_TYPES;
export const DOCUMENT_KINDS = DOCUMENT_TYPES;

export type SavedFile = { fileKey: string; fileName: string; mime: string };

/** Non-empty uploaded files of a form field (a browser sends an empty file when nothing was chosen). */
export function filesOf(formData: FormData, name: string): File[] {
  return formData
    .getAll(name)
    .filter((v): v is File => typeof v === "object" && v !== null && "arrayBuffer" in v && (v as File).size > 0);
}

/**
 * Validates (size, count, type by content — never by the browser's claim) and stores files under
 * UPLOAD_DIR/<folder>/. Refuses the whole batch with a DomainError on the field when one file is bad.
 */
export async function saveUploads(files: File[], folder: string, kinds: readonly string[], field: string): Promise<SavedFile[]> {
  if (files.length > MAX_FILES_PER_FORM) throw new DomainError("coaching:errors.tooManyFiles", { max: MAX_FILES_PER_FORM }, field);
  const checked: { bytes: Buffer; kind: DetectedType; name: string }[] = [];
  for (const file of files) {
    if (file.size > MAX_UPLOAD_BYTES) throw new DomainError("coaching:errors.fileTooLarge", { max: 5 }, field);
    const bytes = Buffer.from(await file.arrayBuffer());
    const kind = await detectFileType(bytes, kinds);
    if (!kind) throw new DomainError("coaching:errors.fileType", {}, field);
    checked.push({ bytes, kind, name: sanitizeFileName(file.name) });
  }
  const dir = path.join(uploadDir(), folder);
  await mkdir(dir, { recursive: true });
  const saved: SavedFile[] = [];
  for (const c of checked) {
    const fileKey = randomFileKey(folder, c.kind);
    await writeFile(path.join(uploadDir(), fileKey), c.bytes);
    saved.push({ fileKey, fileName: c.name, mime: c.kind.mime });
  }
  return saved;
}

/** Removes stored files (when the change they belonged to was refused). */
export async function removeUploads(files: SavedFile[]): Promise<void> {
  await Promise.all(files.map((f) => rm(path.join(uploadDir(), f.fileKey), { force: true })));
}

/** Reads a stored file for download; the key must stay inside the upload folder. */
export async function readUpload(fileKey: string): Promise<{ bytes: Buffer; mime: string } | null> {
  const root = uploadDir();
  const full = path.resolve(root, fileKey);
  if (!full.startsWith(root + path.sep)) return null;
  try {
    const bytes = await readFile(full);
    return { bytes, mime: mimeOfKey(full) };
  } catch {
    return null;
  }
}
