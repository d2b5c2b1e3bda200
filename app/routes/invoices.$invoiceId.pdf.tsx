import type { LoaderFunctionArgs } from "@remix-run/node";
import { actorOf, notFound, requireUser } from "~/auth/guard.server";
import { detectLocale } from "~/i18n/i18n.server";
import { renderInvoicePdf } from "~/payments/invoice-pdf.server";
import { getInvoice } from "~/payments/invoices.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const invoice = await getInvoice(actorOf(user, request), params.invoiceId!);
  if (!invoice) throw notFound();
  const bytes = await renderInvoicePdf(invoice, await detectLocale(request, user.locale));
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="${invoice.number.replaceAll("/", "-")}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
