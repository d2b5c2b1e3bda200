import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "~/auth/guard.server";
import { db } from "~/db/db.server";
import { sideFor } from "~/orders/access.server";
import { readStored } from "~/payments/uploads.server";

/** The proof image of a bank transfer; only the invoice's two sides and Dinas see it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const payment = await db.payment.findUnique({
    where: { id: params.paymentId! },
    select: { proofKey: true, invoice: { select: { groupId: true, partnerId: true } } },
  });
  if (!payment) throw notFound();
  await sideFor(user, payment.invoice, request);
  const file = payment.proofKey ? await readStored(payment.proofKey) : null;
  if (!file) throw notFound();
  return new Response(new Uint8Array(file.bytes), { headers: { "Content-Type": file.mime, "Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff" } });
}
