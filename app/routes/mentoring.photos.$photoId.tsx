import type { LoaderFunctionArgs } from "@remix-run/node";
import { forbidden, notFound, requireUser } from "~/auth/guard.server";
import { readUpload } from "~/coaching/uploads.server";
import { db } from "~/db/db.server";
import { canReadVisits } from "~/mentoring/access.server";

/** A visit photo, for the group's facilitator, the group itself and Dinas. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const photo = await db.visitPhoto.findUnique({ where: { id: params.photoId! }, select: { fileKey: true, visit: { select: { groupId: true } } } });
  if (!photo) throw notFound();
  if (!(await canReadVisits(user, photo.visit.groupId))) throw forbidden();
  const stored = await readUpload(photo.fileKey);
  if (!stored) throw notFound();
  return new Response(new Uint8Array(stored.bytes), {
    headers: { "Content-Type": stored.mime, "Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff" },
  });
}
