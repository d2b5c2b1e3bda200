import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorizeGroupAction, authorizePartnerAction, notFound, requireUser } from "~/auth/guard.server";
import { db } from "~/db/db.server";
import { readOfferPhoto } from "~/demands/photos.server";
import { roleHas } from "~/permissions/permissions";

/** An offer's sample photo: for the demand's partner, the offering group (or its facilitator) and Dinas. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const offer = await db.offer.findUnique({ where: { id: params.offerId! }, select: { groupId: true, samplePhotoKey: true, demand: { select: { partnerId: true } } } });
  if (!offer?.samplePhotoKey) throw notFound();
  if (!roleHas(user.role, "read:demand:any")) {
    if (user.role === "PARTNER") authorizePartnerAction(user, "decide", "offer", offer.demand.partnerId);
    else await authorizeGroupAction(user, "create", "offer", offer.groupId);
  }
  const photo = await readOfferPhoto(offer.samplePhotoKey);
  if (!photo) throw notFound();
  return new Response(new Uint8Array(photo.bytes), { headers: { "Content-Type": photo.type, "Cache-Control": "private, max-age=3600" } });
}
