/**
 * Regression tests for issue 10's cross-party writes on trade records (decision 060): each attacker calls
 * the real route action (or the domain function) with the victim's id, and the test asserts the refusal
 * AND that the victim's row is unchanged.
 */
import { db } from "~/db/db.server";
import { createDemand } from "~/demands/demands.server";
import { sendOffer, transitionOffer } from "~/demands/offers.server";
import type { DemandInput, OfferInput } from "~/demands/schemas";
import { DomainError } from "~/domain/errors";
import { changeStandingOrder, placeCatalogueOrder, transitionOrder } from "~/orders/orders.server";
import { decidePayment, recordBankTransfer } from "~/payments/payments.server";
import { action as groupDemandAction } from "~/routes/groups.$groupId_.demands.$demandId";
import { action as invoiceAction, loader as invoiceLoader } from "~/routes/invoices.$invoiceId";
import { loader as invoicesLoader } from "~/routes/invoices._index";
import { action as orderAction, loader as orderLoader } from "~/routes/orders.$orderId";
import { loader as ordersLoader } from "~/routes/orders._index";
import { action as partnerDemandAction } from "~/routes/partner.demands.$demandId";
import { actorFor } from "../helpers/actors";
import { cookieFor, formRequest, getRequest, responseOf } from "../helpers/requests";

const DAY = 86_400_000;
const ymd = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
const inDays = (n: number) => new Date(`${ymd(new Date(Date.now() + n * DAY))}T00:00:00+07:00`);
const ctx = {} as never;

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

async function openDemandWithOffers() {
  const hotel = await db.partner.findUniqueOrThrow({ where: { slug: "hotel-taman-sari-batu" } });
  const category = await db.productCategory.findUniqueOrThrow({ where: { slug: "kue-basah" } });
  const kecamatan = await db.kecamatan.findFirstOrThrow({ where: { name: "Batu" } });
  const input: DemandInput = {
    title: "Kue basah rapat",
    categoryId: category.id,
    specification: "Lemper",
    quantity: 300,
    unit: "PCS",
    frequency: "ONE_OFF",
    daysOfWeek: [],
    deliveryAddress: "Jl. Raya Oro-Oro Ombo 12",
    deliveryKecamatanId: kecamatan.id,
    startDate: inDays(10),
    offerDeadline: inDays(5),
    allowSplit: true,
  };
  const demand = await createDemand(await actorFor("mitra@bermitra.id"), hotel.id, input, true);
  const offer: OfferInput = { pricePerUnit: 2500, quantityPerPeriod: 150, startDate: inDays(10) };
  const dahlia = await db.group.findUniqueOrThrow({ where: { slug: "kpm-dahlia-songgokerto" } });
  const melati = await db.group.findUniqueOrThrow({ where: { slug: "kpm-melati-sisir" } });
  // the victim: Dahlia's offer
  const victimId = await sendOffer(await actorFor("chair.kpm-dahlia-songgokerto@bermitra.id"), demand.id, dahlia.id, offer);
  return { demand, dahlia, melati, victimId, offer };
}

describe("offers: only the offering group's side revises or withdraws, only the buyer decides", () => {
  it("refuses a group chair revising or withdrawing another group's offer through its own demand page", async () => {
    const { demand, melati, victimId } = await openDemandWithOffers();
    const before = await db.offer.findUniqueOrThrow({ where: { id: victimId } });
    const chair = await cookieFor("kelompok@bermitra.id"); // chair of Melati, not Dahlia
    const url = `/groups/${melati.id}/demands/${demand.id}`;
    const params = { groupId: melati.id, demandId: demand.id };
    const revise = await responseOf(() =>
      groupDemandAction({ request: formRequest(url, { intent: "revise", offerId: victimId, pricePerUnit: "1", quantityPerPeriod: "150", startDate: ymd(inDays(10)) }, chair), params, context: ctx }),
    );
    expect(revise.status).toBe(400);
    expect(JSON.stringify(await revise.json())).toContain("errors:notFound");
    const withdraw = await responseOf(() => groupDemandAction({ request: formRequest(url, { intent: "withdraw", offerId: victimId }, chair), params, context: ctx }));
    expect(withdraw.status).toBe(400);
    expect(await db.offer.findUniqueOrThrow({ where: { id: victimId } })).toEqual(before);
  });

  it("refuses the facilitator of another group doing the same in assisted mode", async () => {
    const { demand, dahlia, victimId } = await openDemandWithOffers();
    const before = await db.offer.findUniqueOrThrow({ where: { id: victimId } });
    const other = await db.group.findFirstOrThrow({
      where: { verificationStatus: "VERIFIED", facilitatorId: { not: null }, NOT: { facilitatorId: dahlia.facilitatorId }, dinasOfficeId: dahlia.dinasOfficeId },
      include: { facilitator: true },
    });
    const cookie = await cookieFor(other.facilitator!.email);
    const url = `/groups/${other.id}/demands/${demand.id}`;
    const params = { groupId: other.id, demandId: demand.id };
    const revise = await responseOf(() =>
      groupDemandAction({ request: formRequest(url, { intent: "revise", offerId: victimId, pricePerUnit: "1", quantityPerPeriod: "150", startDate: ymd(inDays(10)) }, cookie), params, context: ctx }),
    );
    expect(revise.status).toBeGreaterThanOrEqual(400);
    expect(revise.status).toBeLessThan(500);
    const withdraw = await responseOf(() => groupDemandAction({ request: formRequest(url, { intent: "withdraw", offerId: victimId }, cookie), params, context: ctx }));
    expect(withdraw.status).toBeGreaterThanOrEqual(400);
    expect(withdraw.status).toBeLessThan(500);
    // and the domain function itself, called as that facilitator for its own group, does not reach the offer
    const facilitator = await actorFor(other.facilitator!.email, { actingForGroupId: other.id });
    expect((await refusal(transitionOffer(facilitator, victimId, "withdraw"))).key).toBe("errors:notFound");
    expect(await db.offer.findUniqueOrThrow({ where: { id: victimId } })).toEqual(before);
  });

  it("refuses a partner declining or shortlisting a rival partner's offer from its own demand page", async () => {
    const { victimId } = await openDemandWithOffers();
    const before = await db.offer.findUniqueOrThrow({ where: { id: victimId } });
    // the rival partner's own demand (same office), on whose page the attacker posts the victim's offer id
    const rival = await db.user.findUniqueOrThrow({ where: { email: "staf.hotel-graha-arjuno@bermitra.id" }, include: { partner: true } });
    const category = await db.productCategory.findUniqueOrThrow({ where: { slug: "kue-basah" } });
    const kecamatan = await db.kecamatan.findFirstOrThrow({ where: { name: "Batu" } });
    const own = await createDemand(await actorFor(rival.email), rival.partnerId!, {
      title: "Snack",
      categoryId: category.id,
      specification: "Snack",
      quantity: 50,
      unit: "PCS",
      frequency: "ONE_OFF",
      daysOfWeek: [],
      deliveryAddress: "Jl. Diponegoro 1",
      deliveryKecamatanId: kecamatan.id,
      startDate: inDays(10),
      offerDeadline: inDays(5),
      allowSplit: false,
    }, true);
    const cookie = await cookieFor(rival.email);
    const params = { demandId: own.id };
    const attempts: Record<string, string>[] = [{ intent: "decline", offerId: victimId, reason: "harga" }, { intent: "shortlist", offerId: victimId }];
    for (const fields of attempts) {
      const res = await responseOf(() => partnerDemandAction({ request: formRequest(`/partner/demands/${own.id}`, fields, cookie), params, context: ctx }));
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toContain("errors:notFound");
    }
    expect((await refusal(transitionOffer(await actorFor(rival.email), victimId, "decline", "harga"))).key).toBe("errors:notFound");
    expect(await db.offer.findUniqueOrThrow({ where: { id: victimId } })).toEqual(before);
  });
});

describe("orders: a partner changes quantities only on standing orders", () => {
  it("refuses changing a catalogue order, through the route and the domain", async () => {
    const partner = await db.partner.findUniqueOrThrow({ where: { slug: "hotel-taman-sari-batu" } });
    const product = await db.product.findFirstOrThrow({ where: { status: "ACTIVE", group: { slug: "kpm-melati-sisir" } } });
    const mitra = await actorFor("mitra@bermitra.id");
    const order = await placeCatalogueOrder(mitra, partner.id, {
      groupId: product.groupId,
      lines: [{ productId: product.id, quantity: product.minOrderQty }],
      deliveryDate: inDays(30),
      deliveryAddress: "x",
    });
    await transitionOrder(await actorFor("kelompok@bermitra.id"), order.id, "accept", {});
    const before = await db.order.findUniqueOrThrow({ where: { id: order.id }, include: { lines: true } });
    const line = before.lines[0]!;
    const cookie = await cookieFor("mitra@bermitra.id");
    const res = await responseOf(() =>
      orderAction({ request: formRequest(`/orders/${order.id}`, { intent: "change", [`qty-${line.id}`]: String(line.quantity * 10) }, cookie), params: { orderId: order.id }, context: ctx }),
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("orders:errors.notStanding");
    expect((await refusal(changeStandingOrder(mitra, order.id, { [line.id]: line.quantity * 10 }))).key).toBe("orders:errors.notStanding");
    expect(await db.order.findUniqueOrThrow({ where: { id: order.id }, include: { lines: true } })).toEqual(before);
  });
});

describe("Dinas sees and acts only on its own office's orders and invoices", () => {
  it("keeps Dinas Kota Malang out of a Kota Batu order and invoice", async () => {
    const batuOrder = await db.order.findFirstOrThrow({ where: { group: { dinasOffice: { name: { contains: "Batu" } } }, status: { in: ["PLACED", "ACCEPTED"] } } });
    const batuInvoice = await db.invoice.findFirstOrThrow({ where: { group: { dinasOffice: { name: { contains: "Batu" } } } }, include: { payments: true } });
    const malang = await cookieFor("dinas.malang@bermitra.id");
    const batu = await cookieFor("dinas@bermitra.id");
    const orderBefore = await db.order.findUniqueOrThrow({ where: { id: batuOrder.id } });

    expect((await responseOf(() => orderLoader({ request: getRequest(`/orders/${batuOrder.id}`, malang), params: { orderId: batuOrder.id }, context: ctx }))).status).toBe(404);
    expect((await responseOf(() => orderLoader({ request: getRequest(`/orders/${batuOrder.id}`, batu), params: { orderId: batuOrder.id }, context: ctx }))).status).toBe(200);
    const cancel = await responseOf(() => orderAction({ request: formRequest(`/orders/${batuOrder.id}`, { intent: "cancel", reason: "x" }, malang), params: { orderId: batuOrder.id }, context: ctx }));
    expect(cancel.status).toBe(404);
    expect(await db.order.findUniqueOrThrow({ where: { id: batuOrder.id } })).toEqual(orderBefore);
    expect((await refusal(transitionOrder(await actorFor("dinas.malang@bermitra.id"), batuOrder.id, "cancel", { reason: "x" }))).key).toBe("errors:notFound");
    expect(await db.order.findUniqueOrThrow({ where: { id: batuOrder.id } })).toEqual(orderBefore);

    expect((await responseOf(() => invoiceLoader({ request: getRequest(`/invoices/${batuInvoice.id}`, malang), params: { invoiceId: batuInvoice.id }, context: ctx }))).status).toBe(404);
    const decide = await responseOf(() =>
      invoiceAction({ request: formRequest(`/invoices/${batuInvoice.id}`, { intent: "decide", paymentId: batuInvoice.payments[0]?.id ?? "x", decision: "confirm" }, malang), params: { invoiceId: batuInvoice.id }, context: ctx }),
    );
    expect(decide.status).toBe(404);

    // lists: Malang's Dinas sees only Malang's orders and invoices, Batu's only Batu's
    const malangOffice = await db.dinasOffice.findFirstOrThrow({ where: { name: { contains: "Malang" } } });
    const orders = (await (await responseOf(() => ordersLoader({ request: getRequest("/orders", malang), params: {}, context: ctx }))).json()) as { orders: { id: string }[] };
    expect(orders.orders.length).toBeGreaterThan(0);
    const orderOffices = await db.order.findMany({ where: { id: { in: orders.orders.map((o) => o.id) } }, select: { group: { select: { dinasOfficeId: true } } } });
    expect(new Set(orderOffices.map((o) => o.group.dinasOfficeId))).toEqual(new Set([malangOffice.id]));
    const invoices = (await (await responseOf(() => invoicesLoader({ request: getRequest("/invoices", batu), params: {}, context: ctx }))).json()) as { invoices: { id: string }[] };
    const invoiceOffices = await db.invoice.findMany({ where: { id: { in: invoices.invoices.map((i) => i.id) } }, select: { group: { select: { dinasOfficeId: true } } } });
    expect([...new Set(invoiceOffices.map((i) => i.group.dinasOfficeId))]).not.toContain(malangOffice.id);
  });

  it("refuses a payment decision on another office's invoice in the domain too", async () => {
    const invoice = await db.invoice.findFirstOrThrow({
      where: { status: "ISSUED", group: { dinasOffice: { name: { contains: "Batu" } } }, payments: { none: { status: "PENDING" } } },
    });
    const staff = await db.user.findFirstOrThrow({ where: { partnerId: invoice.partnerId } });
    const payment = await recordBankTransfer(await actorFor(staff.email), invoice.id, { reference: "TRF-SCOPE", proofKey: null });
    const before = await db.payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect((await refusal(decidePayment(await actorFor("dinas.malang@bermitra.id"), payment.id, "confirm"))).key).toBe("errors:notFound");
    expect(await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).toEqual(before);
  });
});
