import type { LoaderFunctionArgs } from "@remix-run/node";
import { actorOf, notFound, requireUser } from "~/auth/guard.server";
import { sealedMouPdf } from "~/mou/pages.server";
import { readSealedPdf } from "~/mou/seal.server";

/** The sealed PDF of a signed version, for the parties and Dinas only. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const v = Number(new URL(request.url).searchParams.get("v"));
  const version = await sealedMouPdf(actorOf(user), params.id!, Number.isInteger(v) && v > 0 ? v : null);
  if (!version) throw notFound();
  const bytes = await readSealedPdf(version.pdfKey);
  if (!bytes) throw notFound();
  const filename = `MoU-${version.number.replace(/[^A-Za-z0-9-]+/g, "-")}-v${version.versionNumber}.pdf`;
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
