import { DomainError } from "~/domain/errors";
import { detectFileType, DOCUMENT_TYPES, IMAGE_TYPES, mimeOfKey, randomFileKey, sanitizeFileName, type DetectedType } from "~/http/stored-files.server";
import { deleteObject, getObject, putObject } from "~/storage/object-store.server";

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
 * <folder>/ in the object store (~/storage/object-store.server). Refuses the whole batch with a DomainError on the field when one file is bad.
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
  const saved: SavedFile[] = [];
  try {
    for (const c of checked) {
      const fileKey = randomFileKey(folder, c.kind);
      await putObject(fileKey, c.bytes, c.kind.mime);
      saved.push({ fileKey, fileName: c.name, mime: c.kind.mime });
    }
  } catch (error) {
    await removeUploads(saved); // none of a batch that could not be stored in full is kept
    throw error;
  }
  return saved;
}

/** Removes stored files (when the change they belonged to was refused). */
export async function removeUploads(files: SavedFile[]): Promise<void> {
  await Promise.all(files.map((f) => deleteObject(f.fileKey)));
}

/** Reads a stored file for download (null for a key that is not the store's or holds nothing). */
export async function readUpload(fileKey: string): Promise<{ bytes: Buffer; mime: string } | null> {
  const bytes = await getObject(fileKey);
  return bytes ? { bytes, mime: mimeOfKey(fileKey) } : null;
}
