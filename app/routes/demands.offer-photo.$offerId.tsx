import type { LoaderFunctionArgs } from "@remix-run/node";
import { extensionOf, storedFileHeaders } from "~/http/stored-files.server";
import { actorOf, notFound, requireUser } from "~/auth/guard.server";
import { offerPhotoKey } from "~/demands/offers.server";
import { readOfferPhoto } from "~/demands/photos.server";

/** An offer's sample photo: for the demand's partner, the offering group (or its facilitator) and Dinas. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // scoped: the offering group's side, the demand's partner, Dinas of its office; anyone else gets 404
  const key = await offerPhotoKey(actorOf(user, request), params.offerId!);
  if (!key) throw notFound();
  const photo = await readOfferPhoto(key);
  if (!photo) throw notFound();
  return new Response(new Uint8Array(photo.bytes), { headers: storedFileHeaders({ mime: photo.type, fileName: `offer-photo${extensionOf(key)}` }) });
}
