import type { LoaderFunctionArgs } from "@remix-run/node";
import { actorOf, notFound, requireUser } from "~/auth/guard.server";
import { invoiceQrisKey } from "~/payments/payout.server";
import { readStored } from "~/payments/uploads.server";

/** The group's confirmed QRIS image, shown on its invoice to the invoice's two sides and Dinas. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const key = await invoiceQrisKey(actorOf(user, request), params.invoiceId!);
  const file = key ? await readStored(key) : null;
  if (!file) throw notFound();
  return new Response(new Uint8Array(file.bytes), { headers: { "Content-Type": file.mime, "Cache-Control": "private, max-age=600", "X-Content-Type-Options": "nosniff" } });
}
