import { parseMultipartForm } from "~/forms/parse.server";
import { PHOTO_MAX_BYTES, type UploadedPhoto } from "./photos.server";

const MAX_TEXT_PART = 64 * 1024;

/**
 * Reads a product form (multipart when it carries photos, urlencoded otherwise). Text fields land in
 * `formData`; files of the `photos` field are collected in memory up to 8 MB each — a larger file is
 * drained and reported as `tooLarge` so the form can say so next to the field.
 */
export async function readProductForm(request: Request): Promise<{ formData: FormData; photos: UploadedPhoto[] }> {
  const type = request.headers.get("content-type") ?? "";
  if (!type.includes("multipart/form-data")) return { formData: await request.formData(), photos: [] };
  const photos: UploadedPhoto[] = [];
  const formData = await parseMultipartForm(request, async ({ name, filename, contentType, data }) => {
    const limit = filename !== undefined ? PHOTO_MAX_BYTES : MAX_TEXT_PART;
    const chunks: Uint8Array[] = [];
    let size = 0;
    let tooLarge = false;
    for await (const chunk of data) {
      size += chunk.byteLength;
      if (size > limit) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    }
    if (filename === undefined) return tooLarge ? "" : Buffer.concat(chunks).toString("utf8");
    // An empty file input still sends a part with an empty name.
    if (name !== "photos" || (filename === "" && size === 0)) return undefined;
    photos.push({ filename, contentType, bytes: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge });
    return undefined;
  });
  return { formData, photos };
}
