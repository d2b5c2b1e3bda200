import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "~/auth/guard.server";
import { db } from "~/db/db.server";
import { sideFor } from "~/orders/access.server";
import { readStored } from "~/payments/uploads.server";

/** The handover (BAST) photo of an order's latest receipt; only the two sides and Dinas see it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const order = await db.order.findUnique({
    where: { id: params.orderId! },
    select: { groupId: true, partnerId: true, deliveries: { where: { photoKey: { not: null } }, orderBy: { createdAt: "desc" }, take: 1, select: { photoKey: true } } },
  });
  if (!order) throw notFound();
  await sideFor(user, order, request);
  const key = order.deliveries[0]?.photoKey;
  const file = key ? await readStored(key) : null;
  if (!file) throw notFound();
  return new Response(new Uint8Array(file.bytes), { headers: { "Content-Type": file.mime, "Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff" } });
}
