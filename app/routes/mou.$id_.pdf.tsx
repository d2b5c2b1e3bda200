import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "~/auth/guard.server";
import { db } from "~/db/db.server";
import { requireMouAccess } from "~/mou/access.server";
import { readSealedPdf } from "~/mou/seal.server";

/** The sealed PDF of a signed version, for the parties and Dinas only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const id = params.id!;
  await requireMouAccess(user, id);
  const v = Number(new URL(request.url).searchParams.get("v"));
  const mou = await db.mou.findUnique({ where: { id }, select: { number: true, activeVersionId: true } });
  if (!mou) throw notFound();
  const version = await db.mouVersion.findFirst({
    where: Number.isInteger(v) && v > 0 ? { mouId: id, versionNumber: v } : { id: mou.activeVersionId ?? "__none__" },
    select: { pdfKey: true, versionNumber: true, verificationCode: true },
  });
  if (!version?.pdfKey) throw notFound();
  const bytes = await readSealedPdf(version.pdfKey);
  if (!bytes) throw notFound();
  const filename = `MoU-${mou.number.replace(/[^A-Za-z0-9-]+/g, "-")}-v${version.versionNumber}.pdf`;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
