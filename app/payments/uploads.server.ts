import { DomainError } from "~/domain/errors";
import { detectFileType, DOCUMENT_TYPES, mimeOfKey, randomFileKey } from "~/http/stored-files.server";
import { getObject, putObject } from "~/storage/object-store.server";

export const MAX_PROOF_BYTES = 5 * 1024 * 1024;
/** Whole multipart form (one file plus fields); larger requests are refused before parsing. */
export const MAX_FORM_BYTES = MAX_PROOF_BYTES + 256 * 1024;

/** The uploaded file of a form field, or null when none was chosen (browsers send an empty file). */
export function fileOf(formData: FormData, name: string): File | null {
  const v = formData.get(name);
  return typeof v === "object" && v !== null && "arrayBuffer" in v && (v as File).size > 0 ? (v as File) : null;
}

/** Stores an image (or PDF) checked by its content under <folder>/ in the object store; returns the file key. */
export async function saveProof(file: File, folder: string, field: string): Promise<string> {
  if (file.size > MAX_PROOF_BYTES) throw new DomainError("payments:errors.fileTooLarge", { max: 5 }, field);
  const bytes = Buffer.from(await file.arrayBuffer());
  const kind = await detectFileType(bytes, DOCUMENT_TYPES);
  if (!kind) throw new DomainError("payments:errors.fileType", {}, field);
  const key = randomFileKey(folder, kind);
  await putObject(key, bytes, kind.mime);
  return key;
}

export async function readStored(key: string): Promise<{ bytes: Buffer; mime: string } | null> {
  const bytes = await getObject(key);
  return bytes ? { bytes, mime: mimeOfKey(key) } : null;
}
