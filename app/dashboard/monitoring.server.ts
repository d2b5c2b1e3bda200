import { partnerPerformance } from "~/coaching/coaching.server";
import { db } from "~/db/db.server";
import { startOfMonth } from "~/time/calendar";
import { officeTimeZone } from "~/time/office-zone.server";


/**
 * The partnership figures Dinas reports on (LAKIP): how many groups found a partner, how many
 * partnerships are in force or on their way, whether partners coach, and what trade flows.
 */
export async function partnershipMonitoring(dinasOfficeId: string | null, now = new Date()) {
  const office = dinasOfficeId ? { dinasOfficeId } : {};
  const since = startOfMonth(now, await officeTimeZone(db, dinasOfficeId)); // this month in the office's zone
  const [kpmTotal, kpmWithMou, groupsWithMou, activeMous, mousInProgress, performance, paidThisMonth, ordersThisMonth, overdueInvoices] =
    await Promise.all([
      db.group.count({ where: { ...office, type: "KPM", verificationStatus: { not: "REJECTED" } } }),
      db.group.count({ where: { ...office, type: "KPM", mouGroups: { some: { mou: { status: "ACTIVE" } } } } }),
      db.group.count({ where: { ...office, mouGroups: { some: { mou: { status: "ACTIVE" } } } } }),
      db.mou.count({ where: { ...office, status: "ACTIVE" } }),
      db.mou.count({ where: { ...office, status: { in: ["IN_REVIEW", "OUT_FOR_SIGNATURE"] } } }),
      partnerPerformance(dinasOfficeId, now),
      db.payment.aggregate({
        where: { status: "CONFIRMED", confirmedAt: { gte: since }, invoice: { partner: office } },
        _sum: { amountRupiah: true },
      }),
      db.order.count({ where: { createdAt: { gte: since }, partner: office, status: { notIn: ["CANCELLED", "DECLINED", "SKIPPED"] } } }),
      db.invoice.count({ where: { status: "ISSUED", dueAt: { lt: now }, partner: office } }),
    ]);
  const due = performance.reduce((sum, p) => sum + p.dueSoFar, 0);
  const delivered = performance.reduce((sum, p) => sum + p.delivered, 0);
  return {
    kpmTotal,
    kpmWithMou,
    kpmWithMouPercent: kpmTotal ? Math.round((kpmWithMou / kpmTotal) * 100) : 0,
    groupsWithMou,
    activeMous,
    mousInProgress,
    coachingDeliveredPercent: due ? Math.round((delivered / due) * 100) : null,
    passivePartners: performance.filter((p) => p.passive).map((p) => p.name),
    paidThisMonth: paidThisMonth._sum.amountRupiah ?? 0,
    ordersThisMonth,
    overdueInvoices,
  };
}
