import { db } from "~/db/db.server";

/** One line on a home page's "to do" list: a count and where to act on it. */
export type Task = { key: string; count: number; to: string; urgent?: boolean };

function present(tasks: Task[]): Task[] {
  return tasks.filter((task) => task.count > 0);
}

async function mousToSign(userId: string) {
  return db.mouSigner.count({ where: { userId, status: "NOTIFIED", version: { status: "OUT_FOR_SIGNATURE" } } });
}

/** What a group (its chair, or the facilitator for it) should do next. */
export async function groupTasks(groupId: string, userId: string, now = new Date()): Promise<Task[]> {
  const categoryIds = (
    await db.product.findMany({ where: { groupId, status: "ACTIVE" }, select: { categoryId: true }, distinct: ["categoryId"] })
  ).map((p) => p.categoryId);
  const [placed, toMake, toSign, disputedWindow, invited, fitting, unpaid] = await Promise.all([
    db.order.count({ where: { groupId, status: "PLACED" } }),
    db.order.count({ where: { groupId, status: { in: ["ACCEPTED", "IN_PRODUCTION"] } } }),
    mousToSign(userId),
    db.order.count({ where: { groupId, status: "RECEIVED", deliveries: { some: { lines: { some: { rejectedQty: { gt: 0 } } } } } } }),
    db.demandInvitation.count({ where: { groupId, demand: { status: "OPEN", offerDeadline: { gte: now }, offers: { none: { groupId } } } } }),
    db.demand.count({
      where: { status: "OPEN", offerDeadline: { gte: now }, categoryId: { in: categoryIds }, offers: { none: { groupId } } },
    }),
    db.invoice.count({ where: { groupId, status: "ISSUED" } }),
  ]);
  return present([
    { key: "tasks:group.ordersToAccept", count: placed, to: "/orders?status=PLACED", urgent: true },
    { key: "tasks:group.mousToSign", count: toSign, to: "/mou", urgent: true },
    { key: "tasks:group.invitations", count: invited, to: `/groups/${groupId}/demands`, urgent: true },
    { key: "tasks:group.ordersToMake", count: toMake, to: "/orders/plan" },
    { key: "tasks:group.rejections", count: disputedWindow, to: "/orders?status=RECEIVED" },
    { key: "tasks:group.fittingDemands", count: fitting, to: `/groups/${groupId}/demands` },
    { key: "tasks:group.unpaidInvoices", count: unpaid, to: "/invoices" },
  ]);
}

/** What a partner's staff should do next. */
export async function partnerTasks(partnerId: string, userId: string, now = new Date()): Promise<Task[]> {
  const [offers, toReceive, toSign, overdue, unpaid, drafts] = await Promise.all([
    db.offer.count({ where: { status: { in: ["SUBMITTED", "SHORTLISTED"] }, demand: { partnerId, status: { in: ["OPEN", "PARTLY_AWARDED"] } } } }),
    db.order.count({ where: { partnerId, status: "SHIPPED" } }),
    mousToSign(userId),
    db.invoice.count({ where: { partnerId, status: "ISSUED", dueAt: { lt: now } } }),
    db.invoice.count({ where: { partnerId, status: "ISSUED", dueAt: { gte: now } } }),
    db.demand.count({ where: { partnerId, status: "DRAFT" } }),
  ]);
  return present([
    { key: "tasks:partner.mousToSign", count: toSign, to: "/mou", urgent: true },
    { key: "tasks:partner.overdueInvoices", count: overdue, to: "/invoices", urgent: true },
    { key: "tasks:partner.offersToDecide", count: offers, to: "/partner/demands" },
    { key: "tasks:partner.ordersToReceive", count: toReceive, to: "/orders?status=SHIPPED" },
    { key: "tasks:partner.invoicesToPay", count: unpaid, to: "/invoices" },
    { key: "tasks:partner.draftDemands", count: drafts, to: "/partner/demands" },
  ]);
}
