import { db } from "~/db/db.server";
import { createMouFromScratch, parseContent, sendForSignature, submitForReview, updateDraftContent } from "~/mou/mou.server";
import { confirmSignerIdentity, signVersion } from "~/mou/signing.server";
import { groupUserIds } from "~/notifications/notify.server";
import { generateStandingOrders } from "~/orders/standing.server";
import { deliveryCalendar, pauseStandingOrder, resumeStandingOrder } from "~/orders/standing-pause.server";
import { action as calendarAction, loader as calendarLoader } from "~/routes/orders.calendar";
import { dayKey, startOfDay } from "~/time/calendar";
import { actorFor } from "../helpers/actors";
import { cookieFor, formRequest, getRequest, responseOf } from "../helpers/requests";

/**
 * Issue 13 item 6 (decision 116): the delivery calendar of the next 4 weeks for both sides, and the partner's
 * pause/resume of a standing order within the MoU's period (audited, the group told). The clock is pinned at
 * Tuesday 17/11/2026 10:00 WIB; a MoU delivering Monday, Wednesday and Friday is signed today.
 */
const NOW = new Date();
const at = (day: string, hour = 10) => new Date(startOfDay(day).getTime() + hour * 3_600_000);

async function activeMou() {
  const dinas = await actorFor("dinas@bermitra.id");
  const group = await db.group.findUniqueOrThrow({ where: { slug: "kpm-melati-sisir" }, include: { products: { where: { status: "ACTIVE" } } } });
  const partner = await db.partner.findUniqueOrThrow({ where: { slug: "hotel-taman-sari-batu" } });
  const product = group.products[0]!;
  await db.product.update({ where: { id: product.id }, data: { weeklyCapacity: 100_000 } });
  const mou = await createMouFromScratch(dinas, { dinasOfficeId: partner.dinasOfficeId, partnerId: partner.id, groupIds: [group.id], startDate: dayKey(NOW), endDate: "2027-01-15" });
  const content = parseContent((await db.mouVersion.findFirstOrThrow({ where: { mouId: mou.id } })).content);
  content.scope.items = [{ groupId: group.id, productId: product.id, description: "Kue basah", unit: product.unit, quantityPerDelivery: 40, unitPrice: product.priceRupiah }];
  content.scope.deliveryDays = [1, 3, 5];
  await updateDraftContent(dinas, mou.id, content);
  await submitForReview(dinas, mou.id);
  await sendForSignature(dinas, mou.id);
  const current = await db.mou.findUniqueOrThrow({ where: { id: mou.id } });
  for (const s of await db.mouSigner.findMany({ where: { versionId: current.currentVersionId! }, orderBy: { order: "asc" } })) {
    await confirmSignerIdentity(s.id, { password: "bermitra-demo" }, NOW);
    await signVersion(await actorFor(s.email), { signerId: s.id, typedName: s.name, consent: true, ip: "10.0.0.1", userAgent: "vitest", now: NOW });
  }
  expect((await db.mou.findUniqueOrThrow({ where: { id: mou.id } })).status).toBe("ACTIVE");
  return { mou, group, product, partner };
}

const days = (orders: { deliveryDate: Date }[]) => orders.map((o) => dayKey(o.deliveryDate));

// each test signs a MoU and runs the standing-order job several times: slow on a loaded machine
describe("delivery calendar and pausing a standing order", { timeout: 120_000 }, () => {
  it("shows the next 4 weeks to both sides; a pause stops generation until the date, resume restarts it; audited and told", async () => {
    const { mou, group, product } = await activeMou();
    const partner = await actorFor("mitra@bermitra.id");
    const chair = await actorFor("kelompok@bermitra.id");

    // the calendar: Mon/Wed/Fri from tomorrow for 28 days, the first week already made (at activation)
    const expected = ["2026-11-18", "2026-11-20", "2026-11-23", "2026-11-25", "2026-11-27", "2026-11-30", "2026-12-02", "2026-12-04", "2026-12-07", "2026-12-09", "2026-12-11", "2026-12-14"];
    for (const actor of [partner, chair]) {
      const cal = await deliveryCalendar(actor, NOW);
      const mine = cal.entries.filter((e) => e.mouId === mou.id);
      expect(mine.map((e) => e.day)).toEqual(expected);
      expect(mine.map((e) => e.state)).toEqual(["order", "order", "order", ...Array(9).fill("planned")]);
      expect(mine[0]!.lines).toEqual([{ product: product.name, quantity: 40, unit: product.unit }]);
      expect(cal.standing.find((s) => s.mouId === mou.id)).toMatchObject({ groupId: group.id, pause: null, period: { startDate: "2026-11-17", endDate: "2027-01-15" } });
    }
    // another partner does not see this MoU
    const other = await db.user.findFirstOrThrow({ where: { role: "PARTNER", partner: { slug: { not: "hotel-taman-sari-batu" }, verificationStatus: "VERIFIED" } } });
    expect((await deliveryCalendar(await actorFor(other.email!), NOW)).entries.some((e) => e.mouId === mou.id)).toBe(false);

    // pause until Wednesday 02/12: Wednesday 18/11 is too close to change (lead time), the others are skipped
    const made = await db.order.findMany({ where: { mouId: mou.id }, include: { lines: { include: { product: true } } }, orderBy: { deliveryDate: "asc" } });
    const lead = Math.max(1, product.leadTimeDays);
    const tooClose = made.filter((o) => NOW.getTime() + lead * 86_400_000 > o.deliveryDate.getTime()).map((o) => o.id);
    const notifiedBefore = await db.notification.count({ where: { kind: "orders:notify.standingPaused" } });
    const result = await pauseStandingOrder(partner, { mouId: mou.id, groupId: group.id, untilDay: "2026-12-02", reason: "Hotel direnovasi" }, NOW);
    expect(result.pause).toMatchObject({ fromDay: "2026-11-18", untilDay: "2026-12-02" });
    expect(result.kept.map((k) => k.id)).toEqual(tooClose);
    expect(result.skipped.length).toBe(made.length - tooClose.length);
    for (const o of await db.order.findMany({ where: { mouId: mou.id } })) expect(o.status).toBe(tooClose.includes(o.id) ? "PLACED" : "SKIPPED");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityType: "Mou", entityId: mou.id, action: "standing.pause" } });
    expect(JSON.parse(audit.after!)).toMatchObject({ groupId: group.id, fromDay: "2026-11-18", untilDay: "2026-12-02", skippedOrders: result.skipped.length });
    expect(audit.reason).toBe("Hotel direnovasi");
    expect(audit.actorId).toBe(partner.actorId);
    // the group's accounts and its facilitator (as every group notification)
    const groupUsers = await groupUserIds(db, group.id);
    expect(groupUsers).toEqual(expect.arrayContaining((await db.user.findMany({ where: { groupId: group.id } })).map((u) => u.id)));
    const told = await db.notification.findMany({ where: { kind: "orders:notify.standingPaused", userId: { in: groupUsers } } });
    expect(told.length).toBe(groupUsers.length);
    expect(await db.notification.count({ where: { kind: "orders:notify.standingPaused" } })).toBe(notifiedBefore + told.length);
    expect(JSON.parse(told[0]!.params)).toMatchObject({ until: "02/12/2026", from: "18/11/2026", reason: "Hotel direnovasi" });

    // the calendar shows the paused days to both sides
    for (const actor of [partner, chair]) {
      const mine = (await deliveryCalendar(actor, NOW)).entries.filter((e) => e.mouId === mou.id);
      expect(mine.filter((e) => e.state === "paused").map((e) => e.day)).toEqual(["2026-11-25", "2026-11-27", "2026-11-30"]);
      expect(mine.find((e) => e.day === "2026-12-02")!.state).toBe("planned");
    }

    // the job a week later makes nothing for the paused days
    await generateStandingOrders(at("2026-11-24"));
    expect(days(await db.order.findMany({ where: { mouId: mou.id, deliveryDate: { gte: startOfDay("2026-11-24") } } }))).toEqual([]);

    // a second pause while one is in force is refused
    await expect(pauseStandingOrder(partner, { mouId: mou.id, groupId: group.id, untilDay: "2026-12-20", reason: null }, at("2026-11-24"))).rejects.toMatchObject({ key: "orders:pause.errors.alreadyPaused" });

    // resume on Tuesday 24/11: the group is told and the coming week is made again
    await resumeStandingOrder(partner, result.pause.id, at("2026-11-24"));
    expect((await db.standingPause.findUniqueOrThrow({ where: { id: result.pause.id } })).resumedAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { entityType: "Mou", entityId: mou.id, action: "standing.resume" } })).toBe(1);
    expect(await db.notification.count({ where: { kind: "orders:notify.standingResumed", userId: { in: groupUsers } } })).toBe(told.length);
    await generateStandingOrders(at("2026-11-24"));
    expect(days(await db.order.findMany({ where: { mouId: mou.id, deliveryDate: { gte: startOfDay("2026-11-24") } }, orderBy: { deliveryDate: "asc" } }))).toEqual(["2026-11-25", "2026-11-27", "2026-11-30"]);
    await expect(resumeStandingOrder(partner, result.pause.id, at("2026-11-24"))).rejects.toMatchObject({ key: "orders:pause.errors.notPaused" });
  });

  it("refuses pauses outside the MoU's terms with a reason, and only the MoU's partner may pause", async () => {
    const { mou, group } = await activeMou();
    const partner = await actorFor("mitra@bermitra.id");
    const pause = (untilDay: string, actor = partner) => pauseStandingOrder(actor, { mouId: mou.id, groupId: group.id, untilDay, reason: null }, NOW);
    await expect(pause("2026-11-10")).rejects.toMatchObject({ key: "orders:pause.errors.datePassed", field: "untilDay" });
    await expect(pause("2026-11-18")).rejects.toMatchObject({ key: "orders:pause.errors.tooSoon", params: { first: "19/11/2026" }, field: "untilDay" });
    await expect(pause("2027-01-17")).rejects.toMatchObject({ key: "orders:pause.errors.beyondPeriod", params: { end: "15/01/2027" }, field: "untilDay" });
    await expect(pause("2026-12-02", await actorFor("kelompok@bermitra.id"))).rejects.toMatchObject({ key: "errors:forbidden" });
    const other = await db.user.findFirstOrThrow({ where: { role: "PARTNER", partner: { slug: { not: "hotel-taman-sari-batu" }, verificationStatus: "VERIFIED" } } });
    await expect(pause("2026-12-02", await actorFor(other.email!))).rejects.toMatchObject({ key: "errors:notFound" });
    expect(await db.standingPause.count({ where: { mouId: mou.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { entityId: mou.id, action: "standing.pause" } })).toBe(0);
    // the last day the MoU allows: the day after it ends
    await expect(pause("2027-01-16")).resolves.toMatchObject({ pause: { untilDay: "2027-01-16" } });
  });

  it("through the page: the reason next to the field, 400 on malformed input, 403 for the group, 404 for another partner", async () => {
    const { mou, group } = await activeMou();
    const cookie = await cookieFor("mitra@bermitra.id");
    const post = async (fields: Record<string, string>, c = cookie) => responseOf(() => calendarAction({ request: formRequest("/orders/calendar", fields, c), params: {}, context: {} }));
    const refused = await post({ intent: "pause", mouId: mou.id, groupId: group.id, untilDay: "2027-02-01" });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: Record<string, string> }).errors.untilDay).toMatch(/^orders:pause\.errors\.beyondPeriod\|/);
    for (const untilDay of ["besok", "", "2026-13-45x"]) expect((await post({ intent: "pause", mouId: mou.id, groupId: group.id, untilDay })).status).toBe(400);
    expect((await post({ intent: "resume" })).status).toBe(400);
    expect((await post({ intent: "other" })).status).toBe(400);
    expect((await post({ intent: "pause", mouId: mou.id, groupId: group.id, untilDay: "2026-12-02" }, await cookieFor("kelompok@bermitra.id"))).status).toBe(403);
    const other = await db.user.findFirstOrThrow({ where: { role: "PARTNER", partner: { slug: { not: "hotel-taman-sari-batu" }, verificationStatus: "VERIFIED" } } });
    expect((await post({ intent: "pause", mouId: mou.id, groupId: group.id, untilDay: "2026-12-02" }, await cookieFor(other.email!))).status).toBe(404);
    const ok = await post({ intent: "pause", mouId: mou.id, groupId: group.id, untilDay: "2026-12-02" });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Location")).toMatch(/^\/orders\/calendar\?done=paused/);
    const page = await responseOf(() => calendarLoader({ request: getRequest("/orders/calendar", cookie), params: {}, context: {} }));
    const body = (await page.json()) as { standing: { mouId: string; pause: { id: string } | null }[] };
    const pauseId = body.standing.find((s) => s.mouId === mou.id)!.pause!.id;
    const resumed = await post({ intent: "resume", pauseId });
    expect(resumed.status).toBe(302);
    // Dinas has no delivery calendar of its own (it reads the orders list); the page answers 403
    const dinas = await cookieFor("dinas@bermitra.id");
    expect((await responseOf(() => calendarLoader({ request: getRequest("/orders/calendar", dinas), params: {}, context: {} }))).status).toBe(403);
  });
});
