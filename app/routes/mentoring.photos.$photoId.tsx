import type { LoaderFunctionArgs } from "@remix-run/node";
import { actorOf, notFound, requireUser } from "~/auth/guard.server";
import { readUpload } from "~/coaching/uploads.server";
import { findVisitPhotoFor } from "~/mentoring/access.server";

/** A visit photo, for the group's facilitator, the group itself and Dinas. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const photo = await findVisitPhotoFor(actorOf(user, request), params.photoId!);
  if (!photo) throw notFound();
  const stored = await readUpload(photo.fileKey);
  if (!stored) throw notFound();
  return new Response(new Uint8Array(stored.bytes), {
    headers: { "Content-Type": stored.mime, "Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff" },
  });
}
