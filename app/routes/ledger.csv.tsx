import type { LoaderFunctionArgs } from "@remix-run/node";
import { actorOf, requireUser } from "~/auth/guard.server";
import { detectLocale, getServerT } from "~/i18n/i18n.server";
import { ledgerCsv, ledgerExport, ledgerGroup } from "~/payments/ledger.server";

const COLUMNS = ["invoice", "order", "partner", "issued", "due", "status", "amount", "paid", "outstanding", "overdue"];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { group } = await ledgerGroup(actorOf(user, request), new URL(request.url).searchParams.get("group"));
  const { rows, zone } = await ledgerExport(group.id); // the export is the whole ledger
  const t = getServerT(await detectLocale(request, user.locale));
  const csv = ledgerCsv(rows, COLUMNS.map((c) => t(`payments:csv.${c}`)), zone);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="ledger-${group.slug}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
