import { db } from "~/db/db.server";
import { action as demandAction } from "~/routes/partner.demands.$demandId";
import { action as invoiceAction, loader as invoiceLoader } from "~/routes/invoices.$invoiceId";
import { action as verificationAction } from "~/routes/dinas.verification";
import { cookieFor, formRequest, getRequest, responseOf } from "../helpers/requests";

/**
 * Issue 13 item 8 (decision 115): binding actions take a second look. The first post answers a confirmation
 * view (what will happen) and writes nothing; the same fields with confirm=yes do it; any other confirm value
 * is a 400 that writes nothing. Tested through the route actions, as the browser posts them (no JavaScript
 * needed: both steps are plain form posts).
 */
const ctx = {};

async function writesOf() {
  return { audit: await db.auditEvent.count(), notifications: await db.notification.count() };
}

describe("verifying a group or partner", () => {
  it("first post shows who is verified and who is told; confirm=yes verifies; a bad confirm value is 400", async () => {
    const cookie = await cookieFor("dinas@bermitra.id");
    const group = await db.group.findFirstOrThrow({ where: { verificationStatus: "PENDING", dinasOffice: { name: { contains: "Batu" } }, users: { some: {} } }, include: { users: true } });
    const fields = { subject: "group", id: group.id, decision: "verify" };
    const before = await writesOf();

    const preview = await responseOf(() => verificationAction({ request: formRequest("/dinas/verification", fields, cookie), params: {}, context: ctx }));
    expect(preview.status).toBe(200);
    const body = (await preview.json()) as { confirm: { name: string; subject: string; id: string; people: string[] } };
    expect(body.confirm).toEqual({ subject: "group", id: group.id, name: group.name, people: group.users.map((u) => u.name) });
    expect((await db.group.findUniqueOrThrow({ where: { id: group.id } })).verificationStatus).toBe("PENDING");
    expect(await writesOf()).toEqual(before);

    for (const bad of ["no", "1", ""]) {
      const malformed = await responseOf(() => verificationAction({ request: formRequest("/dinas/verification", { ...fields, confirm: bad }, cookie), params: {}, context: ctx }));
      expect(malformed.status, `confirm=${JSON.stringify(bad)}`).toBe(400);
    }
    const twice = await responseOf(() => verificationAction({ request: formRequest("/dinas/verification", { ...fields, confirm: ["yes", "yes"] }, cookie), params: {}, context: ctx }));
    expect(twice.status).toBe(400);
    expect((await db.group.findUniqueOrThrow({ where: { id: group.id } })).verificationStatus).toBe("PENDING");
    expect(await writesOf()).toEqual(before);

    const done = await responseOf(() => verificationAction({ request: formRequest("/dinas/verification", { ...fields, confirm: "yes" }, cookie), params: {}, context: ctx }));
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/dinas/verification?done=verify");
    expect((await db.group.findUniqueOrThrow({ where: { id: group.id } })).verificationStatus).toBe("VERIFIED");
    expect(await db.auditEvent.count({ where: { entityId: group.id, action: "group.verify" } })).toBe(1);

    // once verified, a second look is refused with the state machine's reason, not shown again
    const again = await responseOf(() => verificationAction({ request: formRequest("/dinas/verification", fields, cookie), params: {}, context: ctx }));
    expect(again.status).toBe(400);
    expect(((await again.json()) as { errors: Record<string, string> }).errors._form).toMatch(/transitionNotAllowed/);
  });

  it("a partner's preview names the partner; another office's Dinas gets no preview and changes nothing", async () => {
    const partner = await db.partner.findFirstOrThrow({ where: { verificationStatus: "PENDING", dinasOffice: { name: { contains: "Batu" } } } });
    const fields = { subject: "partner", id: partner.id, decision: "verify" };
    const batuCookie = await cookieFor("dinas@bermitra.id");
    const batu = await responseOf(() => verificationAction({ request: formRequest("/dinas/verification", fields, batuCookie), params: {}, context: ctx }));
    expect(((await batu.json()) as { confirm: { name: string } }).confirm.name).toBe(partner.displayName);
    const malang = await cookieFor("dinas.malang@bermitra.id");
    for (const confirm of [undefined, "yes"]) {
      const res = await responseOf(() => verificationAction({ request: formRequest("/dinas/verification", confirm ? { ...fields, confirm } : fields, malang), params: {}, context: ctx }));
      expect(res.status).toBe(400);
      expect(((await res.json()) as { errors: Record<string, string> }).errors._form).toBe("errors:notFound");
    }
    expect((await db.partner.findUniqueOrThrow({ where: { id: partner.id } })).verificationStatus).toBe("PENDING");
  });

  it("rejecting (with a reason, not binding on the group) needs no second look", async () => {
    const group = await db.group.findFirstOrThrow({ where: { verificationStatus: "PENDING", dinasOffice: { name: { contains: "Batu" } } } });
    const cookie = await cookieFor("dinas@bermitra.id");
    const res = await responseOf(() => verificationAction({ request: formRequest("/dinas/verification", { subject: "group", id: group.id, decision: "reject", reason: "NIK pengurus tidak cocok" }, cookie), params: {}, context: ctx }));
    expect(res.status).toBe(302);
    expect((await db.group.findUniqueOrThrow({ where: { id: group.id } })).verificationStatus).toBe("REJECTED");
  });
});

describe("accepting offers", () => {
  it("first post shows quantity × price per group and in all, the next step and the offers closed; confirm=yes accepts", async () => {
    const cookie = await cookieFor("mitra@bermitra.id");
    const demand = await db.demand.findFirstOrThrow({
      where: { status: "OPEN", allowSplit: true, partner: { slug: "hotel-taman-sari-batu" }, offers: { some: { status: { in: ["SUBMITTED", "SHORTLISTED"] } } } },
      include: { offers: { where: { status: { in: ["SUBMITTED", "SHORTLISTED"] } }, include: { group: true }, orderBy: { pricePerUnit: "desc" } } },
    });
    expect(demand.offers.length).toBeGreaterThanOrEqual(2);
    const [a, b] = demand.offers as [(typeof demand.offers)[0], (typeof demand.offers)[0]];
    const qa = Math.min(a.quantityPerPeriod, demand.quantity - 1);
    const qb = Math.min(b.quantityPerPeriod, demand.quantity - qa);
    const fields = { intent: "accept", [`qty-${a.id}`]: String(qa), [`qty-${b.id}`]: String(qb) };
    const url = `/partner/demands/${demand.id}`;
    const before = await writesOf();

    const preview = await responseOf(() => demandAction({ request: formRequest(url, fields, cookie), params: { demandId: demand.id }, context: ctx }));
    expect(preview.status).toBe(200);
    const { confirm } = (await preview.json()) as { confirm: { lines: { offerId: string; group: string; quantity: number; unitPrice: number; subtotal: number }[]; totalQuantity: number; totalRupiah: number; remainingAfter: number; next: string; othersClosed: number } };
    expect(confirm.lines).toEqual([
      { offerId: a.id, group: a.group.name, quantity: qa, unitPrice: a.pricePerUnit, subtotal: qa * a.pricePerUnit },
      { offerId: b.id, group: b.group.name, quantity: qb, unitPrice: b.pricePerUnit, subtotal: qb * b.pricePerUnit },
    ]);
    expect(confirm.totalQuantity).toBe(qa + qb);
    expect(confirm.totalRupiah).toBe(qa * a.pricePerUnit + qb * b.pricePerUnit);
    expect(confirm.remainingAfter).toBe(demand.quantity - qa - qb);
    expect(confirm.next).toBe(demand.frequency === "ONE_OFF" ? "order" : "mou");
    const othersPending = demand.offers.length - 2;
    expect(confirm.othersClosed).toBe(qa + qb >= demand.quantity ? othersPending : 0);
    expect(await writesOf()).toEqual(before);
    expect((await db.offer.findUniqueOrThrow({ where: { id: a.id } })).status).toBe(a.status);

    // the preview runs the acceptance's own rules: more than an offer gives is refused next to its field
    const over = await responseOf(() => demandAction({ request: formRequest(url, { intent: "accept", [`qty-${a.id}`]: String(a.quantityPerPeriod + 1) }, cookie), params: { demandId: demand.id }, context: ctx }));
    expect(over.status).toBe(400);
    expect(Object.keys(((await over.json()) as { errors: Record<string, string> }).errors)).toEqual([`qty-${a.id}`]);

    const malformed = await responseOf(() => demandAction({ request: formRequest(url, { ...fields, confirm: "ok" }, cookie), params: { demandId: demand.id }, context: ctx }));
    expect(malformed.status).toBe(400);
    expect(await writesOf()).toEqual(before);

    const done = await responseOf(() => demandAction({ request: formRequest(url, { ...fields, confirm: "yes" }, cookie), params: { demandId: demand.id }, context: ctx }));
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toMatch(/done=accepted/);
    expect((await db.offer.findUniqueOrThrow({ where: { id: a.id } })).acceptedQuantity).toBe(qa);
    expect((await db.offer.findUniqueOrThrow({ where: { id: b.id } })).acceptedQuantity).toBe(qb);
    expect((await db.demand.findUniqueOrThrow({ where: { id: demand.id } })).awardedQuantity).toBe(qa + qb);
  });

  it("another partner gets no preview of someone else's demand", async () => {
    const demand = await db.demand.findFirstOrThrow({ where: { partner: { slug: "hotel-taman-sari-batu" }, offers: { some: {} } }, include: { offers: true } });
    const other = await db.user.findFirstOrThrow({ where: { partner: { slug: { not: "hotel-taman-sari-batu" }, verificationStatus: "VERIFIED" }, role: "PARTNER" } });
    const cookie = await cookieFor(other.email!);
    const res = await responseOf(() => demandAction({ request: formRequest(`/partner/demands/${demand.id}`, { intent: "accept", [`qty-${demand.offers[0]!.id}`]: "1" }, cookie), params: { demandId: demand.id }, context: ctx }));
    expect(res.status).toBe(404);
  });
});

describe("confirming a payment", () => {
  it("first post shows the amount, what is owed before and after and whether the invoice becomes paid; confirm=yes confirms", async () => {
    const payment = await db.payment.findFirstOrThrow({ where: { status: "PENDING", method: "BANK_TRANSFER" }, include: { invoice: { include: { payments: true, group: true } } } });
    const groupUser = await db.user.findFirstOrThrow({ where: { groupId: payment.invoice.groupId } });
    const cookie = await cookieFor(groupUser.email!);
    const url = `/invoices/${payment.invoiceId}`;
    const fields = { intent: "decide", paymentId: payment.id, decision: "confirm" };
    const before = await writesOf();

    const preview = await responseOf(() => invoiceAction({ request: formRequest(url, fields, cookie), params: { invoiceId: payment.invoiceId }, context: ctx }));
    expect(preview.status).toBe(200);
    const { confirm } = (await preview.json()) as { confirm: { paymentId: string; amountRupiah: number; owedBefore: number; owedAfter: number; settles: boolean; invoice: { number: string } } };
    const paid = payment.invoice.payments.filter((p) => p.status === "CONFIRMED").reduce((s, p) => s + p.amountRupiah, 0);
    expect(confirm.paymentId).toBe(payment.id);
    expect(confirm.amountRupiah).toBe(payment.amountRupiah);
    expect(confirm.invoice.number).toBe(payment.invoice.number);
    expect(confirm.owedBefore).toBe(payment.invoice.amountRupiah - paid);
    expect(confirm.owedAfter).toBe(Math.max(0, payment.invoice.amountRupiah - paid - payment.amountRupiah));
    expect(confirm.settles).toBe(confirm.owedAfter === 0);
    expect(await writesOf()).toEqual(before);
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("PENDING");

    const malformed = await responseOf(() => invoiceAction({ request: formRequest(url, { ...fields, confirm: "true" }, cookie), params: { invoiceId: payment.invoiceId }, context: ctx }));
    expect(malformed.status).toBe(400);
    expect(await writesOf()).toEqual(before);

    const done = await responseOf(() => invoiceAction({ request: formRequest(url, { ...fields, confirm: "yes" }, cookie), params: { invoiceId: payment.invoiceId }, context: ctx }));
    expect(done.status).toBe(302);
    expect((await db.payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("CONFIRMED");
    expect(await db.auditEvent.count({ where: { entityId: payment.id, action: "payment.confirm" } })).toBe(1);
    if (confirm.settles) expect((await db.invoice.findUniqueOrThrow({ where: { id: payment.invoiceId } })).status).toBe("PAID");
    // the page renders again without the confirmation
    expect((await responseOf(() => invoiceLoader({ request: getRequest(url, cookie), params: { invoiceId: payment.invoiceId }, context: ctx }))).status).toBe(200);
  });
});
