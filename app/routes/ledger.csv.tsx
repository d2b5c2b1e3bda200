import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guard.server";
import { db } from "~/db/db.server";
import { detectLocale, getServerT } from "~/i18n/i18n.server";
import { groupForPages } from "~/orders/access.server";
import { groupLedger, ledgerCsv } from "~/payments/ledger.server";

const COLUMNS = ["invoice", "order", "partner", "issued", "due", "status", "amount", "paid", "outstanding", "overdue"];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const groupId = await groupForPages(user, new URL(request.url).searchParams.get("group"), request);
  const t = getServerT(await detectLocale(request, user.locale));
  const [group, ledger] = await Promise.all([db.group.findUnique({ where: { id: groupId }, select: { slug: true } }), groupLedger(groupId)]);
  const csv = ledgerCsv(ledger.rows, COLUMNS.map((c) => t(`payments:csv.${c}`)));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="ledger-${group?.slug ?? "group"}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
