import { db } from "~/db/db.server";
import { action as mouAction } from "~/routes/mou.$id";
import { action as orderAction } from "~/routes/orders.$orderId";
import { cookieFor, formRequest, responseOf } from "../helpers/requests";

/**
 * Decision 127 (the pattern of 115, issue 13 item 8): the group accepting an order and Dinas ending an MoU take a
 * second look. The first post answers what will happen and writes nothing; the same fields with confirm=yes do
 * it; any other confirm value is a 400 that writes nothing. Through the route actions, as the browser posts them.
 */
const ctx = {};

async function writesOf() {
  return { audit: await db.auditEvent.count(), notifications: await db.notification.count(), texts: await db.textMessage.count() };
}

function withOrigin(request: Request): Request {
  request.headers.set("Origin", "http://localhost");
  return request;
}

describe("the group accepting an order", () => {
  it("first post shows the lines, the total (lowered quantities as typed) and the delivery day; confirm=yes accepts", async () => {
    const cookie = await cookieFor("kelompok@bermitra.id");
    const group = await db.group.findUniqueOrThrow({ where: { slug: "kpm-melati-sisir" } });
    const order = await db.order.findFirstOrThrow({ where: { groupId: group.id, status: "PLACED", lines: { some: { quantity: { gt: 1 } } } }, include: { lines: true, partner: true }, orderBy: { deliveryDate: "desc" } });
    const line = order.lines.find((l) => l.quantity > 1)!;
    const fields: Record<string, string> = { intent: "accept", [`qty-${line.id}`]: String(line.quantity - 1) };
    const before = await writesOf();

    const preview = await responseOf(() => orderAction({ request: formRequest(`/orders/${order.id}`, fields, cookie), params: { orderId: order.id }, context: ctx }));
    expect(preview.status).toBe(200);
    const { confirm } = (await preview.json()) as { confirm: { number: string; partner: string; total: number; totalBefore: number; lowered: boolean; lines: { id: string; quantity: number; ordered: number; subtotal: number }[] } };
    const expectedTotal = order.lines.reduce((s, l) => s + (l.id === line.id ? l.quantity - 1 : l.quantity) * l.unitPrice, 0);
    expect(confirm).toMatchObject({ number: order.number, partner: order.partner.displayName, total: expectedTotal, totalBefore: order.totalRupiah, lowered: true });
    expect(confirm.lines.find((l) => l.id === line.id)).toMatchObject({ quantity: line.quantity - 1, ordered: line.quantity, subtotal: (line.quantity - 1) * line.unitPrice });
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PLACED");
    expect((await db.orderLine.findUniqueOrThrow({ where: { id: line.id } })).quantity).toBe(line.quantity);
    expect(await writesOf()).toEqual(before);

    // more than ordered: refused next to the field, as the action would
    const over = await responseOf(() => orderAction({ request: formRequest(`/orders/${order.id}`, { intent: "accept", [`qty-${line.id}`]: String(line.quantity + 1) }, cookie), params: { orderId: order.id }, context: ctx }));
    expect(over.status).toBe(400);
    expect(((await over.json()) as { errors: Record<string, string> }).errors[`qty-${line.id}`]).toBe("orders:errors.groupCannotIncrease");

    for (const bad of ["no", ""]) {
      const malformed = await responseOf(() => orderAction({ request: formRequest(`/orders/${order.id}`, { ...fields, confirm: bad }, cookie), params: { orderId: order.id }, context: ctx }));
      expect(malformed.status, `confirm=${JSON.stringify(bad)}`).toBe(400);
    }
    expect(await writesOf()).toEqual(before);

    const done = await responseOf(() => orderAction({ request: formRequest(`/orders/${order.id}`, { ...fields, confirm: "yes" }, cookie), params: { orderId: order.id }, context: ctx }));
    expect(done.status).toBe(302);
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("ACCEPTED");
    expect((await db.orderLine.findUniqueOrThrow({ where: { id: line.id } })).quantity).toBe(line.quantity - 1);

    // an order no longer placed: the preview gives the machine's refusal, nothing shown to confirm
    const again = await responseOf(() => orderAction({ request: formRequest(`/orders/${order.id}`, { intent: "accept" }, cookie), params: { orderId: order.id }, context: ctx }));
    expect(again.status).toBe(400);
  });
});

describe("ending an MoU", () => {
  it("first post says what ending does (parties, open orders, who is told) and writes nothing; confirm=yes ends it", async () => {
    const cookie = await cookieFor("dinas@bermitra.id");
    const partner = await db.partner.findUniqueOrThrow({ where: { slug: "hotel-taman-sari-batu" } });
    const mou = await db.mou.findFirstOrThrow({ where: { partnerId: partner.id, status: "ACTIVE" }, include: { groups: { include: { group: true } } } });
    const fields = { intent: "terminate", reason: "Hotel tutup untuk renovasi" };
    const before = await writesOf();

    const preview = await responseOf(() => mouAction({ request: withOrigin(formRequest(`/mou/${mou.id}`, fields, cookie)), params: { id: mou.id }, context: ctx }));
    expect(preview.status).toBe(200);
    const { confirm } = (await preview.json()) as { confirm: { number: string; partner: string; groups: string[]; reason: string; openOrders: number; accountsTold: number } };
    expect(confirm).toMatchObject({ number: mou.number, partner: partner.displayName, reason: "Hotel tutup untuk renovasi" });
    expect(confirm.groups.sort()).toEqual(mou.groups.map((g) => g.group.name).sort());
    expect(confirm.accountsTold).toBeGreaterThan(0);
    expect(confirm.openOrders).toBe(await db.order.count({ where: { mouId: mou.id, status: { in: ["PLACED", "ACCEPTED", "IN_PRODUCTION"] }, deliveryDate: { gte: new Date() } } }));
    expect((await db.mou.findUniqueOrThrow({ where: { id: mou.id } })).status).toBe("ACTIVE");
    expect(await writesOf()).toEqual(before);

    // no reason: refused next to the field by the machine's rule, before any confirmation
    const noReason = await responseOf(() => mouAction({ request: withOrigin(formRequest(`/mou/${mou.id}`, { intent: "terminate", reason: "" }, cookie)), params: { id: mou.id }, context: ctx }));
    expect(noReason.status).toBe(400);
    const malformed = await responseOf(() => mouAction({ request: withOrigin(formRequest(`/mou/${mou.id}`, { ...fields, confirm: "ok" }, cookie)), params: { id: mou.id }, context: ctx }));
    expect(malformed.status).toBe(400);
    // another office's Dinas cannot even preview it
    const foreign = await responseOf(async () => mouAction({ request: withOrigin(formRequest(`/mou/${mou.id}`, fields, await cookieFor("dinas.malang@bermitra.id"))), params: { id: mou.id }, context: ctx }));
    expect([403, 404]).toContain(foreign.status);
    expect(await writesOf()).toEqual(before);

    const done = await responseOf(() => mouAction({ request: withOrigin(formRequest(`/mou/${mou.id}`, { ...fields, confirm: "yes" }, cookie)), params: { id: mou.id }, context: ctx }));
    expect(done.status).toBe(302);
    expect((await db.mou.findUniqueOrThrow({ where: { id: mou.id } })).status).toBe("TERMINATED");
  });
});
