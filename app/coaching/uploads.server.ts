import { randomUUID } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { DomainError } from "~/domain/errors";

/** Root of stored uploads (see docs/developing.md). */
export function uploadDir(): string {
  return path.resolve(process.env.UPLOAD_DIR ?? "data/uploads");
}

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const MAX_FILES_PER_FORM = 5;

type Kind = { ext: string; mime: string; magic: (b: Buffer) => boolean };

const JPEG: Kind = { ext: "jpg", mime: "image/jpeg", magic: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff };
const PNG: Kind = {
  ext: "png",
  mime: "image/png",
  magic: (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
};
const WEBP: Kind = {
  ext: "webp",
  mime: "image/webp",
  magic: (b) => b.length > 12 && b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP",
};
const PDF: Kind = { ext: "pdf", mime: "application/pdf", magic: (b) => b.length > 5 && b.subarray(0, 5).toString("latin1") === "%PDF-" };

export const IMAGE_KINDS = [JPEG, PNG, WEBP];
export const DOCUMENT_KINDS = [PDF, JPEG, PNG, WEBP];

export type SavedFile = { fileKey: string; fileName: string; mime: string };

/** Non-empty uploaded files of a form field (a browser sends an empty file when nothing was chosen). */
export function filesOf(formData: FormData, name: string): File[] {
  return formData
    .getAll(name)
    .filter((v): v is File => typeof v === "object" && v !== null && "arrayBuffer" in v && (v as File).size > 0);
}

function safeName(name: string): string {
  const base = path.basename(name).replace(/[^\p{L}\p{N}._ -]/gu, "_").slice(0, 120);
  return base || "file";
}

/**
 * Validates (size, count, type by content — never by the browser's claim) and stores files under
 * UPLOAD_DIR/<folder>/. Refuses the whole batch with a DomainError on the field when one file is bad.
 */
export async function saveUploads(files: File[], folder: string, kinds: Kind[], field: string): Promise<SavedFile[]> {
  if (files.length > MAX_FILES_PER_FORM) throw new DomainError("coaching:errors.tooManyFiles", { max: MAX_FILES_PER_FORM }, field);
  const checked: { bytes: Buffer; kind: Kind; name: string }[] = [];
  for (const file of files) {
    if (file.size > MAX_UPLOAD_BYTES) throw new DomainError("coaching:errors.fileTooLarge", { max: 5 }, field);
    const bytes = Buffer.from(await file.arrayBuffer());
    const kind = kinds.find((k) => k.magic(bytes));
    if (!kind) throw new DomainError("coaching:errors.fileType", {}, field);
    checked.push({ bytes, kind, name: safeName(file.name) });
  }
  const dir = path.join(uploadDir(), folder);
  await mkdir(dir, { recursive: true });
  const saved: SavedFile[] = [];
  for (const c of checked) {
    const fileKey = `${folder}/${randomUUID()}.${c.kind.ext}`;
    await writeFile(path.join(uploadDir(), fileKey), c.bytes);
    saved.push({ fileKey, fileName: c.name, mime: c.kind.mime });
  }
  return saved;
}

/** Removes stored files (when the change they belonged to was refused). */
export async function removeUploads(files: SavedFile[]): Promise<void> {
  await Promise.all(files.map((f) => rm(path.join(uploadDir(), f.fileKey), { force: true })));
}

const MIME_BY_EXT: Record<string, string> = { jpg: "image/jpeg", png: "image/png", webp: "image/webp", pdf: "application/pdf" };

/** Reads a stored file for download; the key must stay inside the upload folder. */
export async function readUpload(fileKey: string): Promise<{ bytes: Buffer; mime: string } | null> {
  const root = uploadDir();
  const full = path.resolve(root, fileKey);
  if (!full.startsWith(root + path.sep)) return null;
  try {
    const bytes = await readFile(full);
    const ext = path.extname(full).slice(1).toLowerCase();
    return { bytes, mime: MIME_BY_EXT[ext] ?? "application/octet-stream" };
  } catch {
    return null;
  }
}
