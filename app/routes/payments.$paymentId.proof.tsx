import type { LoaderFunctionArgs } from "@remix-run/node";
import { extensionOf, storedFileHeaders } from "~/http/stored-files.server";
import { actorOf, notFound, requireUser } from "~/auth/guard.server";
import { paymentProofKey } from "~/payments/invoices.server";
import { readStored } from "~/payments/uploads.server";

/** The proof image of a bank transfer; only the invoice's two sides and Dinas see it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const proofKey = await paymentProofKey(actorOf(user, request), params.paymentId!);
  const file = proofKey ? await readStored(proofKey) : null;
  if (!file) throw notFound();
  return new Response(new Uint8Array(file.bytes), { headers: storedFileHeaders({ mime: file.mime, fileName: `transfer-proof${extensionOf(proofKey!)}` }) });
}
