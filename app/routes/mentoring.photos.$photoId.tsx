import type { LoaderFunctionArgs } from "@remix-run/node";
import { extensionOf, storedFileHeaders } from "~/http/stored-files.server";
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
  return new Response(new Uint8Array(stored.bytes), { headers: storedFileHeaders({ mime: stored.mime, fileName: `visit-photo${extensionOf(photo.fileKey)}` }) });
}
