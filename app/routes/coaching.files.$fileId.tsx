import type { LoaderFunctionArgs } from "@remix-run/node";
import { storedFileHeaders } from "~/http/stored-files.server";
import { actorOf, notFound, requireUser } from "~/auth/guard.server";
import { findCoachingFileFor } from "~/coaching/access.server";
import { readUpload } from "~/coaching/uploads.server";

/** Downloads a coaching file (materials, photos, report) for those who may see the session. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const file = await findCoachingFileFor(actorOf(user, request), params.fileId!);
  if (!file) throw notFound();
  const stored = await readUpload(file.fileKey);
  if (!stored) throw notFound();
  return new Response(new Uint8Array(stored.bytes), { headers: storedFileHeaders({ mime: stored.mime, fileName: file.fileName }) });
}
