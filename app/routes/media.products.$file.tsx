import type { LoaderFunctionArgs } from "@remix-run/node";
import { storedFileHeaders } from "~/http/stored-files.server";
import { readPhoto, type PhotoSize } from "~/catalog/photos.server";

/** Product photos (public). File names are random and never reused, so they are cached for a year. */
export async function loader({ params }: LoaderFunctionArgs) {
  const match = /^([a-f0-9]{24})-(sm|lg)\.webp$/.exec(params.file ?? "");
  if (!match) throw new Response("Not found", { status: 404 });
  const bytes = await readPhoto(match[1], match[2] as PhotoSize);
  if (!bytes) throw new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(bytes), {
    headers: storedFileHeaders({ mime: "image/webp", fileName: match[0], cacheControl: "public, max-age=31536000, immutable", length: bytes.length }),
  });
}
