import { actorOf } from "~/auth/guard.server";
import { loadSessionUser } from "~/auth/session.server";
import { db } from "~/db/db.server";
import { disputeReceipt, groupTrackRecord, invoiceOrder, recordReceipt, resolveDispute } from "~/orders/delivery.server";
import { addDays } from "~/orders/numbers";
import { createOrderFromOffer, placeCatalogueOrder, productionPlan, transitionOrder } from "~/orders/orders.server";
import { generateStandingOrders } from "~/orders/standing.server";
import { remindOverdueInvoices } from "~/payments/invoices.server";
import { ledgerCsv, ledgerRows } from "~/payments/ledger.server";
import { decidePayment, recordBankTransfer } from "~/payments/payments.server";
import { action as orderAction, loader as orderLoader } from "~/routes/orders.$orderId";
import { loader as invoiceLoader } from "~/routes/invoices.$invoiceId";
import { loader as ordersLoader } from "~/routes/orders._index";
import { cookieFor, formRequest, getRequest, responseOf } from "../helpers/requests";
import { addDays as addCalendarDays, dayKey, endOfDay, startOfDay } from "~/time/calendar";

async function actorFor(email: string) {
  const cookie = await cookieFor(email);
  const user = (await loadSessionUser(getRequest("/", cookie)))!.user;
  return { actor: actorOf(user), user, cookie };
}

async function demo() {
  const group = await db.group.findUniqueOrThrow({ where: { slug: "kpm-melati-sisir" }, include: { products: { where: { status: "ACTIVE" } } } });
  const partner = await db.partner.findUniqueOrThrow({ where: { slug: "hotel-taman-sari-batu" } });
  return { group, partner, product: group.products[0]! };
}

/** A delivery day far from the seeded orders, so capacity starts empty. */
function farDay(weeks: number) {
  return startOfDay(dayKey(addDays(new Date(), 7 * weeks)));
}

describe("catalogue order through the whole lifecycle", () => {
  it("places, accepts, ships, receives with a partial rejection, invoices and is paid by confirmed transfer", async () => {
    const { group, partner, product } = await demo();
    const p = await actorFor("mitra@bermitra.id");
    const g = await actorFor("kelompok@bermitra.id");
    const qty = Math.max(product.minOrderQty, 60);
    const order = await placeCatalogueOrder(p.actor, partner.id, { groupId: group.id, lines: [{ productId: product.id, quantity: qty }], deliveryDate: farDay(20), deliveryAddress: partner.address });
    const placed = await db.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(placed.totalRupiah).toBe(qty * product.priceRupiah);
    expect(await db.notification.count({ where: { userId: g.user.id, kind: "orders:notify.placed" } })).toBeGreaterThan(0);

    await transitionOrder(g.actor, order.id, "accept", { side: "group" });
    await transitionOrder(g.actor, order.id, "startProduction", { side: "group" });
    await transitionOrder(g.actor, order.id, "ship", { side: "group" });
    // the partner cannot fire group events
    await expect(transitionOrder(p.actor, order.id, "ship", { side: "partner" })).rejects.toMatchObject({ key: "errors:forbidden" });
    const line = await db.orderLine.findFirstOrThrow({ where: { orderId: order.id } });
    await recordReceipt(p.actor, order.id, { receivedByName: "Bu Wulan", lines: [{ orderLineId: line.id, deliveredQty: qty, acceptedQty: qty - 6, rejectedQty: 6, rejectionReason: "penyok" }] });
    const invoice = await invoiceOrder(g.actor, order.id);
    expect(invoice.amountRupiah).toBe((qty - 6) * product.priceRupiah);
    expect(invoice.number).toMatch(/^INV\/KPM-MELATI-SISIR\/\d{4}\/\d{4}$/);

    await recordBankTransfer(p.actor, invoice.id, { reference: "TRF-001", proofKey: null });
    const payment = await db.payment.findFirstOrThrow({ where: { invoiceId: invoice.id } });
    expect(payment.amountRupiah).toBe(invoice.amountRupiah);
    await decidePayment(g.actor, payment.id, "confirm");
    expect((await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).status).toBe("PAID");
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PAID");
    const actions = (await db.auditEvent.findMany({ where: { entityId: order.id }, orderBy: { at: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["order.place", "order.accept", "order.startProduction", "order.ship", "order.receive", "order.invoice", "order.pay"]);

    const rows = await ledgerRows(group.id);
    expect(rows.find((r) => r.orderId === order.id)).toMatchObject({ amountRupiah: invoice.amountRupiah, outstandingRupiah: 0 });
    const csv = ledgerCsv(rows, ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"], "Asia/Jakarta");
    expect(csv).toContain(invoice.number);
    const record = await groupTrackRecord(group.id);
    expect(record.qualityAcceptanceRate).toBeGreaterThan(0);
    expect(record.qualityAcceptanceRate).toBeLessThan(1);
  });

  it("computes amounts on the server: a total sent in the form is ignored", async () => {
    const { group, partner, product } = await demo();
    const p = await actorFor("mitra@bermitra.id");
    const order = await placeCatalogueOrder(p.actor, partner.id, { groupId: group.id, lines: [{ productId: product.id, quantity: product.minOrderQty }], deliveryDate: farDay(21), deliveryAddress: "x" });
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).totalRupiah).toBe(product.minOrderQty * product.priceRupiah);
    await expect(
      placeCatalogueOrder(p.actor, partner.id, { groupId: group.id, lines: [{ productId: product.id, quantity: 1 }], deliveryDate: farDay(21), deliveryAddress: "x" }),
    ).rejects.toMatchObject(product.minOrderQty > 1 ? { key: "orders:errors.belowMinimum" } : {});
  });

  it("lets the group dispute within 48 hours only", async () => {
    const { group, partner, product } = await demo();
    const p = await actorFor("mitra@bermitra.id");
    const g = await actorFor("kelompok@bermitra.id");
    const order = await placeCatalogueOrder(p.actor, partner.id, { groupId: group.id, lines: [{ productId: product.id, quantity: product.minOrderQty }], deliveryDate: farDay(22), deliveryAddress: "x" });
    await transitionOrder(g.actor, order.id, "accept", { side: "group" });
    await transitionOrder(g.actor, order.id, "ship", { side: "group" });
    const line = await db.orderLine.findFirstOrThrow({ where: { orderId: order.id } });
    const receivedAt = new Date();
    await recordReceipt(p.actor, order.id, { receivedByName: "Pak Slamet", lines: [{ orderLineId: line.id, deliveredQty: line.quantity, acceptedQty: line.quantity, rejectedQty: 0 }] }, receivedAt);
    await expect(disputeReceipt(g.actor, order.id, "terlambat", new Date(receivedAt.getTime() + 49 * 3600_000))).rejects.toMatchObject({ key: "orders:errors.disputeWindowClosed" });
    await disputeReceipt(g.actor, order.id, "jumlah tidak cocok", new Date(receivedAt.getTime() + 47 * 3600_000));
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("DISPUTED");
    expect(await db.notification.count({ where: { user: { partnerId: partner.id }, kind: "orders:notify.dispute" } })).toBeGreaterThan(0);
    // the partner corrects the accepted quantity; the order is back to RECEIVED and invoiced on the new figure
    const resolvedAt = new Date(receivedAt.getTime() + 47.5 * 3600_000);
    await resolveDispute(p.actor, order.id, { [line.id]: line.quantity - 2 }, "dua rusak di jalan", resolvedAt);
    // the dispute window closes at the instant passed in (the injected clock), not at the machine's time
    expect((await db.delivery.findFirstOrThrow({ where: { orderId: order.id, receivedAt: { not: null } } })).disputeDeadline).toEqual(resolvedAt);
    const resolved = await db.order.findUniqueOrThrow({ where: { id: order.id }, include: { lines: true } });
    expect(resolved.status).toBe("RECEIVED");
    expect(resolved.lines[0]).toMatchObject({ acceptedQty: line.quantity - 2, rejectedQty: 2 });
    const invoice = await invoiceOrder(g.actor, order.id);
    expect(invoice.amountRupiah).toBe((line.quantity - 2) * line.unitPrice);
  });
});

describe("weekly capacity", () => {
  it("never oversells when accepts race for the last capacity (concurrent requests)", async () => {
    const { group, partner, product } = await demo();
    await db.product.update({ where: { id: product.id }, data: { weeklyCapacity: 100, minOrderQty: 1 } });
    const p = await actorFor("mitra@bermitra.id");
    const g = await actorFor("kelompok@bermitra.id");
    const day = farDay(30);
    const orders = [];
    for (let i = 0; i < 6; i++) {
      orders.push(await placeCatalogueOrder(p.actor, partner.id, { groupId: group.id, lines: [{ productId: product.id, quantity: 40 }], deliveryDate: day, deliveryAddress: "x" }));
    }
    // six accept requests at once, through the route action, as six browsers would
    const responses = await Promise.all(
      orders.map((o) => responseOf(() => orderAction({ request: formRequest(`/orders/${o.id}`, { intent: "accept", [`qty-${"x"}`]: "", confirm: "yes" }, g.cookie), params: { orderId: o.id }, context: {} }))),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 302)).toHaveLength(2);
    expect(statuses.filter((s) => s === 400)).toHaveLength(4);
    const refusal = await responses.find((r) => r.status === 400)!.json();
    expect(refusal.errors._form).toMatch(/capacityExceeded/);
    const accepted = await db.order.count({ where: { id: { in: orders.map((o) => o.id) }, status: "ACCEPTED" } });
    expect(accepted).toBe(2);
    const sum = await db.orderLine.aggregate({ _sum: { quantity: true }, where: { productId: product.id, order: { status: "ACCEPTED", deliveryDate: day } } });
    expect(sum._sum.quantity).toBeLessThanOrEqual(100);
  });
});

describe("standing orders from an active MoU", () => {
  it("generates one order per delivery day ahead, once, and the plan shows them", async () => {
    const { group, partner, product } = await demo();
    await db.product.update({ where: { id: product.id }, data: { weeklyCapacity: 100_000 } });
    const admin = await db.user.findFirstOrThrow({ where: { role: "ADMIN" } });
    const office = await db.dinasOffice.findFirstOrThrow({ where: { name: "Dinas Sosial Kota Batu" } });
    const today = dayKey(new Date());
    const content = {
      scope: { items: [{ groupId: group.id, productId: product.id, description: product.name, unit: product.unit, quantityPerDelivery: 5, unitPrice: product.priceRupiah }], deliveryDays: [1, 2, 3, 4, 5, 6, 7], deliveryAddress: "Jl. Test 1", qualityStandards: "" },
      coaching: [],
      payment: { kind: "NET_DAYS", netDays: 7 },
      period: { startDate: today, endDate: dayKey(addDays(new Date(), 90)) },
    };
    const mou = await db.mou.create({ data: { number: "TEST/MOU/ORDERS/1", partnerId: partner.id, dinasOfficeId: office.id, status: "ACTIVE", startDate: new Date(), endDate: addDays(new Date(), 90), createdById: admin.id, groups: { create: [{ groupId: group.id }] } } });
    const version = await db.mouVersion.create({ data: { mouId: mou.id, versionNumber: 1, status: "SIGNED", content: JSON.stringify(content), contentHash: "x", createdById: admin.id } });
    await db.mou.update({ where: { id: mou.id }, data: { activeVersionId: version.id, currentVersionId: version.id } });
    const first = await generateStandingOrders(new Date());
    const mine = await db.order.count({ where: { mouId: mou.id } });
    expect(mine).toBe(7);
    expect(first.created).toBeGreaterThanOrEqual(7);
    await Promise.all([generateStandingOrders(new Date()), generateStandingOrders(new Date())]);
    expect(await db.order.count({ where: { mouId: mou.id } })).toBe(7);
    const plan = await productionPlan(group.id);
    expect(plan).toHaveLength(7);
    const mineIds = new Set((await db.order.findMany({ where: { mouId: mou.id }, select: { id: true } })).map((o) => o.id));
    expect(plan[0]!.products.some((p) => p.orders.some((o) => mineIds.has(o.id)))).toBe(false);
    expect(plan.slice(1).every((d) => d.products.some((p) => p.orders.some((o) => mineIds.has(o.id) && o.quantity === 5)))).toBe(true);
    // the MoU's terms go into the invoice's due date
    const g = await actorFor("kelompok@bermitra.id");
    const p = await actorFor("mitra@bermitra.id");
    const order = await db.order.findFirstOrThrow({ where: { mouId: mou.id }, orderBy: { deliveryDate: "asc" } });
    await transitionOrder(g.actor, order.id, "accept", { side: "group" });
    await transitionOrder(g.actor, order.id, "ship", { side: "group" });
    const line = await db.orderLine.findFirstOrThrow({ where: { orderId: order.id } });
    await recordReceipt(p.actor, order.id, { receivedByName: "x", lines: [{ orderLineId: line.id, deliveredQty: 5, acceptedQty: 5, rejectedQty: 0 }] });
    const issued = new Date();
    const invoice = await invoiceOrder(g.actor, order.id, issued);
    // NET_DAYS 7: due to the end of the 7th calendar day after the issue day (WIB office)
    expect(invoice.dueAt.getTime()).toBe(endOfDay(addCalendarDays(dayKey(issued), 7)).getTime() - 1);
    // overdue reminders: once, then not again within 3 days
    const later = addDays(issued, 8);
    expect((await remindOverdueInvoices(later)).reminded).toBeGreaterThanOrEqual(1);
    await remindOverdueInvoices(addDays(later, 1));
    const stillReminded = await db.invoice.findUniqueOrThrow({ where: { id: invoice.id } });
    expect(stillReminded.remindedAt).toEqual(later);
  });

  it("turns an accepted one-off offer into an order at the offer's price", async () => {
    const offer = await db.offer.findFirst({ where: { status: "ACCEPTED", orders: { none: {} } }, include: { demand: true } });
    if (!offer) return; // the demand seed decides whether such an offer exists
    const p = await actorFor("mitra@bermitra.id");
    const result = await db.$transaction((tx) => createOrderFromOffer(tx, p.actor, offer.id));
    const again = await db.$transaction((tx) => createOrderFromOffer(tx, p.actor, offer.id));
    expect(again.id).toBe(result.id);
    const order = await db.order.findUniqueOrThrow({ where: { id: result.id }, include: { lines: true } });
    const qty = offer.acceptedQuantity ?? offer.quantityPerPeriod;
    expect(order.totalRupiah).toBe(qty * offer.pricePerUnit);
    expect(order.source).toBe("OFFER");
  });
});

describe("permissions", () => {
  // out of scope = not found (decision 060): the lookup carries the scope, so the record is never loaded
  it("shows a group only its own orders and a partner only its own invoices", async () => {
    const other = await db.order.findFirstOrThrow({ where: { group: { slug: { not: "kpm-melati-sisir" } }, partner: { slug: { not: "hotel-taman-sari-batu" } } } });
    const g = await actorFor("kelompok@bermitra.id");
    const p = await actorFor("mitra@bermitra.id");
    for (const cookie of [g.cookie, p.cookie]) {
      const res = await responseOf(() => orderLoader({ request: getRequest(`/orders/${other.id}`, cookie), params: { orderId: other.id }, context: {} }));
      expect(res.status).toBe(404);
    }
    const foreignInvoice = await db.invoice.findFirstOrThrow({ where: { partner: { slug: { not: "hotel-taman-sari-batu" } }, group: { slug: { not: "kpm-melati-sisir" } } } });
    const res = await responseOf(() => invoiceLoader({ request: getRequest(`/invoices/${foreignInvoice.id}`, p.cookie), params: { invoiceId: foreignInvoice.id }, context: {} }));
    expect(res.status).toBe(404);
    const list = await responseOf(() => ordersLoader({ request: getRequest("/orders", g.cookie), params: {}, context: {} }));
    const body = await list.json();
    expect(body.orders.length).toBeGreaterThan(0);
    expect(body.orders.every((o: { group: { id: string } }) => o.group.id === g.user.groupId)).toBe(true);
  });
});

describe("routes: catalogue order, assisted mode, skip and change, cash", () => {
  it("a partner orders from a product link; prices come from the catalogue", async () => {
    const { group, product } = await demo();
    const { loader: newLoader, action: newAction } = await import("~/routes/partner.orders.new");
    const p = await actorFor("mitra@bermitra.id");
    const page = await responseOf(() => newLoader({ request: getRequest(`/partner/orders/new?product=${product.slug}`, p.cookie), params: {}, context: {} }));
    const body = await page.json();
    expect(body.group.id).toBe(group.id);
    expect(body.chosen).toBe(product.slug);
    const day = dayKey(addDays(new Date(), 40));
    const res = await responseOf(() =>
      newAction({ request: formRequest("/partner/orders/new", { groupId: group.id, [`qty-${product.id}`]: String(product.minOrderQty), deliveryDate: day, deliveryAddress: "Jl. Raya Selecta", totalRupiah: "1" }, p.cookie), params: {}, context: {} }),
    );
    expect(res.status).toBe(302);
    const orderId = res.headers.get("Location")!.split("/")[2]!.split("?")[0]!;
    const order = await db.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(order.totalRupiah).toBe(product.minOrderQty * product.priceRupiah);
    // a group account cannot use the partner's order form
    const g = await actorFor("kelompok@bermitra.id");
    expect((await responseOf(() => newLoader({ request: getRequest(`/partner/orders/new?product=${product.slug}`, g.cookie), params: {}, context: {} }))).status).toBe(403);
  });

  it("a facilitator accepts for an assigned group (assisted mode is audited) and cannot touch other groups", async () => {
    const { group, partner, product } = await demo();
    const p = await actorFor("mitra@bermitra.id");
    const facilitator = await db.user.findUniqueOrThrow({ where: { id: group.facilitatorId! } });
    const f = await actorFor(facilitator.email!);
    const order = await placeCatalogueOrder(p.actor, partner.id, { groupId: group.id, lines: [{ productId: product.id, quantity: product.minOrderQty }], deliveryDate: farDay(41), deliveryAddress: "x" });
    const res = await responseOf(() => orderAction({ request: formRequest(`/orders/${order.id}`, { intent: "accept", confirm: "yes" }, f.cookie), params: { orderId: order.id }, context: {} }));
    expect(res.status).toBe(302);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: order.id, action: "order.accept" } });
    expect(audit.actingForGroupId).toBe(group.id);
    expect(audit.actorId).toBe(facilitator.id);
    const foreign = await db.order.findFirstOrThrow({ where: { group: { facilitatorId: { not: facilitator.id } } } });
    expect((await responseOf(() => orderLoader({ request: getRequest(`/orders/${foreign.id}`, f.cookie), params: { orderId: foreign.id }, context: {} }))).status).toBe(404);
  });

  it("the partner skips or changes a standing order only within the MoU's terms; the group records cash", async () => {
    const order = await db.order.findFirstOrThrow({ where: { source: "STANDING", status: "PLACED", partner: { slug: "hotel-taman-sari-batu" }, deliveryDate: { gt: addDays(new Date(), 2) } }, include: { lines: true } });
    const p = await actorFor("mitra@bermitra.id");
    const line = order.lines[0]!;
    const tooMany = await responseOf(() => orderAction({ request: formRequest(`/orders/${order.id}`, { intent: "change", [`qty-${line.id}`]: String(line.quantity * 10) }, p.cookie), params: { orderId: order.id }, context: {} }));
    expect(tooMany.status).toBe(400);
    expect((await tooMany.json()).errors[`qty-${line.id}`]).toMatch(/beyondMou/);
    const fewer = await responseOf(() => orderAction({ request: formRequest(`/orders/${order.id}`, { intent: "change", [`qty-${line.id}`]: String(Math.max(1, line.quantity - 10)) }, p.cookie), params: { orderId: order.id }, context: {} }));
    expect(fewer.status).toBe(302);
    const skipNoReason = await responseOf(() => orderAction({ request: formRequest(`/orders/${order.id}`, { intent: "skip" }, p.cookie), params: { orderId: order.id }, context: {} }));
    expect(skipNoReason.status).toBe(400);
    const skip = await responseOf(() => orderAction({ request: formRequest(`/orders/${order.id}`, { intent: "skip", reason: "Hotel penuh acara lain" }, p.cookie), params: { orderId: order.id }, context: {} }));
    expect(skip.status).toBe(302);
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("SKIPPED");

    const invoice = await db.invoice.findFirstOrThrow({ where: { status: "ISSUED", group: { slug: "kpm-melati-sisir" }, payments: { none: {} } } });
    const g = await actorFor("kelompok@bermitra.id");
    const { action: invoiceAction } = await import("~/routes/invoices.$invoiceId");
    // the partner cannot record cash, the group can
    expect((await responseOf(() => invoiceAction({ request: formRequest(`/invoices/${invoice.id}`, { intent: "cash" }, p.cookie), params: { invoiceId: invoice.id }, context: {} }))).status).toBe(403);
    const cash = await responseOf(() => invoiceAction({ request: formRequest(`/invoices/${invoice.id}`, { intent: "cash", amountRupiah: "1" }, g.cookie), params: { invoiceId: invoice.id }, context: {} }));
    expect(cash.status).toBe(302);
    const paid = await db.invoice.findUniqueOrThrow({ where: { id: invoice.id }, include: { payments: true, order: true } });
    expect(paid.status).toBe("PAID");
    expect(paid.payments[0]).toMatchObject({ method: "CASH", amountRupiah: invoice.amountRupiah, status: "CONFIRMED" });
    expect(paid.order.status).toBe("PAID");
  });
});

describe("order jobs", () => {
  it("invoice received orders once the 48-hour dispute window has passed, not before", async () => {
    const { runOrderJobs } = await import("~/orders/jobs.server");
    const received = await db.order.findMany({ where: { status: "RECEIVED", deliveries: { some: { disputedAt: null } } }, include: { deliveries: true } });
    expect(received.length).toBeGreaterThan(0);
    const latestDeadline = Math.max(...received.flatMap((o) => o.deliveries.map((d) => d.disputeDeadline?.getTime() ?? 0)));
    const earliestDeadline = Math.min(...received.flatMap((o) => o.deliveries.map((d) => d.disputeDeadline?.getTime() ?? Infinity)));
    await runOrderJobs(new Date(earliestDeadline - 60_000));
    expect(await db.order.count({ where: { id: { in: received.map((o) => o.id) }, status: "INVOICED" } })).toBe(0);
    const result = await runOrderJobs(new Date(latestDeadline + 60_000));
    expect(result.issued).toBeGreaterThanOrEqual(received.length);
    expect(await db.order.count({ where: { id: { in: received.map((o) => o.id) }, status: { in: ["INVOICED", "PAID"] } } })).toBe(received.length);
  });
});
