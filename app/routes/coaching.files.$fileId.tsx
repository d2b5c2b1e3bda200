import type { LoaderFunctionArgs } from "@remix-run/node";
import { forbidden, notFound, requireUser } from "~/auth/guard.server";
import { canReadSession } from "~/coaching/access.server";
import { readUpload } from "~/coaching/uploads.server";
import { db } from "~/db/db.server";

/** Downloads a coaching file (materials, photos, report) for those who may see the session. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const file = await db.coachingFile.findUnique({
    where: { id: params.fileId! },
    select: { fileKey: true, fileName: true, session: { select: { groupId: true, partnerId: true } } },
  });
  if (!file) throw notFound();
  if (!(await canReadSession(user, file.session))) throw forbidden();
  const stored = await readUpload(file.fileKey);
  if (!stored) throw notFound();
  const inline = stored.mime.startsWith("image/") || stored.mime === "application/pdf";
  return new Response(new Uint8Array(stored.bytes), {
    headers: {
      "Content-Type": stored.mime,
      "Content-Disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      "Cache-Control": "private, max-age=3600",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
