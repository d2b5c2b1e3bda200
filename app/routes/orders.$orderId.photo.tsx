import type { LoaderFunctionArgs } from "@remix-run/node";
import { extensionOf, storedFileHeaders } from "~/http/stored-files.server";
import { actorOf, notFound, requireUser } from "~/auth/guard.server";
import { deliveryPhotoKey } from "~/orders/orders.server";
import { readStored } from "~/payments/uploads.server";

/** The handover (BAST) photo of an order's latest receipt; only the two sides and Dinas see it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const key = await deliveryPhotoKey(actorOf(user, request), params.orderId!);
  const file = key ? await readStored(key) : null;
  if (!file) throw notFound();
  return new Response(new Uint8Array(file.bytes), { headers: storedFileHeaders({ mime: file.mime, fileName: `handover${extensionOf(key!)}` }) });
}
