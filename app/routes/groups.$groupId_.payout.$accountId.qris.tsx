import type { LoaderFunctionArgs } from "@remix-run/node";
import { actorOf, notFound, requireUser } from "~/auth/guard.server";
import { payoutQrisKey } from "~/payments/payout.server";
import { readStored } from "~/payments/uploads.server";

/** The QRIS image of one payout entry of a group (confirmed or waiting), for those who may read the group. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const key = await payoutQrisKey(actorOf(user, request), params.groupId!, params.accountId!);
  const file = key ? await readStored(key) : null;
  if (!file) throw notFound();
  return new Response(new Uint8Array(file.bytes), { headers: { "Content-Type": file.mime, "Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff" } });
}
