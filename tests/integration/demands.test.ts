import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { db } from "~/db/db.server";
import { candidatesFor, inviteGroup, notifyStaleDemands, staleDemands, trackRecords } from "~/demands/brokering.server";
import { createDemand, demandFeed, listThreads, postMessage, transitionDemand, updateDemand } from "~/demands/demands.server";
import { acceptOffers, reviseOffer, sendOffer, transitionOffer } from "~/demands/offers.server";
import type { DemandInput, OfferInput } from "~/demands/schemas";
import { DomainError } from "~/domain/errors";
import { actorFor } from "../helpers/actors";
import { cookieFor, formRequest, getRequest, responseOf } from "../helpers/requests";
import { action as newDemandAction } from "~/routes/partner.demands.new";
import { loader as partnerDemandLoader, action as partnerDemandAction } from "~/routes/partner.demands.$demandId";
import { loader as groupDemandLoader, action as groupDemandAction } from "~/routes/groups.$groupId_.demands.$demandId";
import { loader as dinasDemandLoader } from "~/routes/dinas.demands.$demandId";
import { loader as photoLoader } from "~/routes/demands.offer-photo.$offerId";
import { loader as facilitatorDemandsLoader } from "~/routes/facilitator.demands";
import { loader as feedLoader } from "~/routes/groups.$groupId_.demands._index";

const DAY = 86_400_000;
const ymd = (d: Date) => new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
const inDays = (n: number) => new Date(`${ymd(new Date(Date.now() + n * DAY))}T00:00:00+07:00`);

async function groupBySlug(slug: string) {
  return db.group.findUniqueOrThrow({ where: { slug } });
}
async function partnerBySlug(slug: string) {
  return db.partner.findUniqueOrThrow({ where: { slug } });
}
async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

async function demandInput(extra: Partial<DemandInput> = {}): Promise<DemandInput> {
  const category = await db.productCategory.findUniqueOrThrow({ where: { slug: "kue-basah" } });
  const kecamatan = await db.kecamatan.findFirstOrThrow({ where: { name: "Batu" } });
  return {
    title: "Kue basah sarapan",
    categoryId: category.id,
    specification: "Lemper dan nagasari",
    quantity: 300,
    unit: "PCS",
    frequency: "ONE_OFF",
    daysOfWeek: [],
    deliveryAddress: "Jl. Raya Oro-Oro Ombo 12",
    deliveryKecamatanId: kecamatan.id,
    startDate: inDays(10),
    offerDeadline: inDays(5),
    allowSplit: true,
    ...extra,
  };
}
const offer = (extra: Partial<OfferInput> = {}): OfferInput => ({ pricePerUnit: 2500, quantityPerPeriod: 150, startDate: inDays(10), ...extra });

const KUE_GROUPS = ["kpm-melati-sisir", "kpm-dahlia-songgokerto", "kpm-flamboyan-temas", "kpm-kamboja-tulungrejo", "kpm-sedap-malam-dadaprejo", "kpm-soka-mojorejo"];

async function openDemand(extra: Partial<DemandInput> = {}) {
  const hotel = await partnerBySlug("hotel-taman-sari-batu");
  const mitra = await actorFor("mitra@bermitra.id");
  const demand = await createDemand(mitra, hotel.id, await demandInput(extra), true);
  return { demand, hotel, mitra };
}
async function chairActor(slug: string) {
  return actorFor(`${slug === "kpm-melati-sisir" ? "kelompok" : `chair.${slug}`}@bermitra.id`);
}

describe("demands", () => {
  it("publishes a demand: audited, fitting groups and Dinas notified", async () => {
    const { demand } = await openDemand();
    const row = await db.demand.findUniqueOrThrow({ where: { id: demand.id } });
    expect(row.status).toBe("OPEN");
    expect(row.publishedAt).not.toBeNull();
    const actions = (await db.auditEvent.findMany({ where: { entityId: demand.id }, orderBy: { at: "asc" } })).map((e) => e.action);
    expect(actions).toEqual(["demand.create", "demand.publish"]);
    const dahlia = await groupBySlug("kpm-dahlia-songgokerto");
    const chair = await db.user.findFirstOrThrow({ where: { groupId: dahlia.id } });
    expect(await db.notification.count({ where: { userId: chair.id, kind: "demands:notify.newDemand" } })).toBe(1);
    const laundry = await db.group.findFirstOrThrow({ where: { slug: { startsWith: "kube-sumber-rejeki" } } });
    const laundryUser = await db.user.findFirstOrThrow({ where: { groupId: laundry.id } });
    expect(await db.notification.count({ where: { userId: laundryUser.id, kind: "demands:notify.newDemand" } })).toBe(0);
    const dinas = await db.user.findUniqueOrThrow({ where: { email: "dinas@bermitra.id" } });
    expect(await db.notification.count({ where: { userId: dinas.id, kind: "demands:notify.published" } })).toBe(1);
    // the feed of a kue-basah group puts it among the fitting ones
    const feed = await demandFeed(dahlia.id);
    expect(feed.find((d) => d.id === demand.id)?.categoryFit).toBe(true);
    // illegal: publishing twice, closing an open demand, cancelling without a reason
    const mitra = await actorFor("mitra@bermitra.id");
    expect((await refusal(transitionDemand(mitra, demand.id, "publish"))).key).toBe("errors:transitionNotAllowed");
    expect((await refusal(transitionDemand(mitra, demand.id, "close"))).key).toBe("errors:transitionNotAllowed");
    expect((await refusal(transitionDemand(mitra, demand.id, "cancel", ""))).key).toBe("errors:reasonRequired");
    const pendingOffer = await sendOffer(await chairActor("kpm-dahlia-songgokerto"), demand.id, dahlia.id, offer());
    await transitionDemand(mitra, demand.id, "cancel", "Menu sarapan diganti");
    expect((await db.offer.findUniqueOrThrow({ where: { id: pendingOffer } })).status).toBe("DECLINED");
    expect(await db.notification.count({ where: { userId: chair.id, kind: "demands:notify.cancelled" } })).toBe(1);
    expect((await db.demand.findUniqueOrThrow({ where: { id: demand.id } })).cancelReason).toBe("Menu sarapan diganti");
    expect((await refusal(updateDemand(mitra, demand.id, await demandInput()))).key).toBe("demands:errors.notEditable");
  });

  it("refuses bad input next to the fields and keeps what was typed", async () => {
    const cookie = await cookieFor("mitra@bermitra.id");
    const kecamatan = await db.kecamatan.findFirstOrThrow({ where: { name: "Batu" } });
    const category = await db.productCategory.findUniqueOrThrow({ where: { slug: "kue-basah" } });
    const res = await responseOf(() =>
      newDemandAction({
        request: formRequest(
          "/partner/demands/new",
          {
            title: "Kue",
            categoryId: category.id,
            specification: "Lemper",
            quantity: "0",
            unit: "PCS",
            frequency: "DAILY",
            deliveryAddress: "Hotel",
            deliveryKecamatanId: kecamatan.id,
            startDate: ymd(inDays(10)),
            endDate: ymd(inDays(5)),
            offerDeadline: ymd(inDays(12)),
            priceMin: "3000",
            priceMax: "2000",
          },
          cookie,
        ),
        params: {},
        context: {},
      }),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors.quantity).toMatch(/^validation:min/);
    expect(body.errors.endDate).toBe("demands:validation.endAfterStart");
    expect(body.errors.offerDeadline).toBe("demands:validation.deadlineBeforeStart");
    expect(body.errors.priceMax).toBe("demands:validation.priceRange");
    expect(body.values.title).toBe("Kue");
    expect(body.values.quantity).toBe("0");
    const tooBig = await responseOf(() =>
      newDemandAction({
        request: formRequest("/partner/demands/new", { quantity: "1000000", priceMin: "-5", unit: "PCS", frequency: "ONE_OFF" }, cookie),
        params: {},
        context: {},
      }),
    );
    const tooBigBody = (await tooBig.json()) as { errors: Record<string, string> };
    expect(tooBigBody.errors.quantity).toMatch(/^validation:max/);
    expect(tooBigBody.errors.priceMin).toMatch(/^validation:min/);
    expect(tooBigBody.errors.title).toBe("validation:required");
  });

  it("lets a group send one offer, revise and withdraw it, and ask questions in its own thread", async () => {
    const { demand, hotel } = await openDemand();
    const dahlia = await groupBySlug("kpm-dahlia-songgokerto");
    const flamboyan = await groupBySlug("kpm-flamboyan-temas");
    const chair = await chairActor("kpm-dahlia-songgokerto");
    const offerId = await sendOffer(chair, demand.id, dahlia.id, offer());
    expect((await refusal(sendOffer(chair, demand.id, dahlia.id, offer()))).key).toBe("demands:errors.alreadyOffered");
    await reviseOffer(chair, offerId, offer({ pricePerUnit: 2400 }));
    const revised = await db.offer.findUniqueOrThrow({ where: { id: offerId } });
    expect([revised.pricePerUnit, revised.revision, revised.status]).toEqual([2400, 2, "SUBMITTED"]);
    expect((await refusal(sendOffer(chair, demand.id, dahlia.id, offer({ startDate: inDays(-2) })))).key).toBe("demands:errors.alreadyOffered");
    await transitionOffer(chair, offerId, "withdraw");
    expect((await refusal(transitionOffer(chair, offerId, "withdraw"))).key).toBe("errors:transitionNotAllowed");
    expect((await refusal(sendOffer(chair, demand.id, dahlia.id, offer({ startDate: inDays(-2) })))).field).toBe("startDate");
    await sendOffer(chair, demand.id, dahlia.id, offer());
    expect((await db.offer.findUniqueOrThrow({ where: { id: offerId } })).status).toBe("SUBMITTED");
    expect(await db.offer.count({ where: { demandId: demand.id, groupId: dahlia.id } })).toBe(1);
    const mitraUser = await db.user.findUniqueOrThrow({ where: { email: "mitra@bermitra.id" } });
    expect(await db.notification.count({ where: { userId: mitraUser.id, kind: "demands:notify.offerReceived" } })).toBeGreaterThanOrEqual(2);

    // questions: one thread per group; each group sees only its own
    await postMessage(chair, demand.id, dahlia.id, "group", "Boleh kirim jam 6 pagi?");
    const flamboyanChair = await chairActor("kpm-flamboyan-temas");
    await postMessage(flamboyanChair, demand.id, flamboyan.id, "group", "Perlu sertifikat halal?");
    await postMessage(await actorFor("mitra@bermitra.id"), demand.id, dahlia.id, "partner", "Boleh, sebelum jam 6.");
    expect((await listThreads(demand.id)).length).toBe(2);
    const own = await listThreads(demand.id, dahlia.id);
    expect(own).toHaveLength(1);
    expect(own[0]!.messages.map((m) => m.body)).toEqual(["Boleh kirim jam 6 pagi?", "Boleh, sebelum jam 6."]);
    const dahliaUser = await db.user.findFirstOrThrow({ where: { groupId: dahlia.id } });
    expect(await db.notification.count({ where: { userId: dahliaUser.id, kind: "demands:notify.answer" } })).toBe(1);
    // a group's page shows only its own thread and offer
    const cookie = await cookieFor(`chair.kpm-flamboyan-temas@bermitra.id`);
    const page = await responseOf(() => groupDemandLoader({ request: getRequest(`/groups/${flamboyan.id}/demands/${demand.id}`, cookie), params: { groupId: flamboyan.id, demandId: demand.id }, context: {} }).then((r) => r));
    const data = (await page.json()) as { thread: { messages: { body: string }[] }; offer: unknown };
    expect(data.thread.messages.map((m) => m.body)).toEqual(["Perlu sertifikat halal?"]);
    expect(data.offer).toBeNull();
    void hotel;
  });

  it("refuses offers from a group on its own partner's behalf, and after the deadline", async () => {
    const { demand, hotel } = await openDemand();
    const soka = await groupBySlug("kpm-soka-mojorejo");
    const sokaUser = await db.user.findFirstOrThrow({ where: { groupId: soka.id } });
    await db.user.update({ where: { id: sokaUser.id }, data: { partnerId: hotel.id } });
    const error = await refusal(sendOffer(await actorFor(sokaUser.email), demand.id, soka.id, offer()));
    expect(error.key).toBe("demands:errors.ownPartner");
    expect((await refusal(inviteGroup(await actorFor("dinas@bermitra.id"), demand.id, soka.id))).key).toBe("demands:errors.ownPartner");
    await db.user.update({ where: { id: sokaUser.id }, data: { partnerId: null } });
    await db.demand.update({ where: { id: demand.id }, data: { offerDeadline: inDays(-1) } });
    expect((await refusal(sendOffer(await actorFor(sokaUser.email), demand.id, soka.id, offer()))).key).toBe("demands:errors.deadlinePassed");
  });

  it("accepts a split, starts orders for a one-off demand, and never awards more than the demand", async () => {
    const { demand, mitra } = await openDemand({ quantity: 300 });
    const ids: string[] = [];
    for (const slug of KUE_GROUPS.slice(0, 3)) {
      const g = await groupBySlug(slug);
      ids.push(await sendOffer(await chairActor(slug), demand.id, g.id, offer({ quantityPerPeriod: 200 })));
    }
    expect((await refusal(acceptOffers(mitra, demand.id, [{ offerId: ids[0]!, quantity: 250 }]))).field).toBe(`qty-${ids[0]}`);
    expect((await refusal(acceptOffers(mitra, demand.id, [{ offerId: ids[0]!, quantity: 200 }, { offerId: ids[1]!, quantity: 200 }]))).key).toBe("demands:errors.overAward");
    const result = await acceptOffers(mitra, demand.id, [
      { offerId: ids[0]!, quantity: 180 },
      { offerId: ids[1]!, quantity: 120 },
    ]);
    expect(result.status).toBe("AWARDED");
    expect(result.next.kind).toBe("order");
    expect(result.next.ids).toHaveLength(2);
    const orders = await db.order.findMany({ where: { offerId: { in: ids } }, include: { lines: true } });
    expect(orders.map((o) => o.lines[0]!.quantity).sort()).toEqual([120, 180]);
    const row = await db.demand.findUniqueOrThrow({ where: { id: demand.id } });
    expect([row.status, row.awardedQuantity]).toEqual(["AWARDED", 300]);
    expect((await refusal(acceptOffers(mitra, demand.id, [{ offerId: ids[2]!, quantity: 1 }]))).key).toBe("errors:transitionNotAllowed");
    // the offer nobody chose is closed with an outcome its group can see
    const third = await db.offer.findUniqueOrThrow({ where: { id: ids[2]! } });
    expect([third.status, third.declineReason]).toEqual(["DECLINED", null]);
    const thirdUser = await db.user.findFirstOrThrow({ where: { groupId: third.groupId } });
    expect(await db.notification.count({ where: { userId: thirdUser.id, kind: "demands:notify.offerNotChosen" } })).toBe(1);
    const group = await db.user.findFirstOrThrow({ where: { group: { slug: KUE_GROUPS[0] } } });
    expect(await db.notification.count({ where: { userId: group.id, kind: "demands:notify.offerAccepted" } })).toBe(1);
    await transitionDemand(mitra, demand.id, "close");
    expect((await db.demand.findUniqueOrThrow({ where: { id: demand.id } })).status).toBe("CLOSED");
  });

  it("lets concurrent accepts award at most the demand quantity", async () => {
    const { demand, mitra } = await openDemand({ quantity: 300 });
    const ids: string[] = [];
    for (const slug of KUE_GROUPS.slice(0, 5)) {
      const g = await groupBySlug(slug);
      ids.push(await sendOffer(await chairActor(slug), demand.id, g.id, offer({ quantityPerPeriod: 150 })));
    }
    const results = await Promise.allSettled(ids.map((offerId) => acceptOffers(mitra, demand.id, [{ offerId, quantity: 150 }])));
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(2);
    for (const r of results) {
      if (r.status === "rejected") expect(r.reason).toBeInstanceOf(DomainError);
    }
    const row = await db.demand.findUniqueOrThrow({ where: { id: demand.id } });
    expect([row.status, row.awardedQuantity]).toEqual(["AWARDED", 300]);
    const accepted = await db.offer.findMany({ where: { demandId: demand.id, status: "ACCEPTED" } });
    expect(accepted.reduce((s, o) => s + (o.acceptedQuantity ?? 0), 0)).toBe(300);
    expect(await db.order.count({ where: { offerId: { in: ids } } })).toBe(2);
  });

  it("never over-awards when accepts race from separate processes (separate database connections)", async () => {
    const { demand, mitra } = await openDemand({ quantity: 300 });
    const ids: string[] = [];
    for (const slug of KUE_GROUPS.slice(0, 4)) {
      const g = await groupBySlug(slug);
      ids.push(await sendOffer(await chairActor(slug), demand.id, g.id, offer({ quantityPerPeriod: 200 })));
    }
    const run = promisify(execFile);
    const worker = path.resolve("tests/integration/demands-accept-worker.ts");
    const startAt = Date.now() + 6000;
    const outcomes = await Promise.all(
      ids.map((offerId) =>
        run("npx", ["tsx", worker, mitra.actorId, demand.id, offerId, "200", String(startAt)], { env: process.env, timeout: 60_000 }).then(
          (r) => JSON.parse(r.stdout.trim().split("\n").pop()!) as { ok: boolean; error?: string },
        ),
      ),
    );
    // 200 + 200 > 300: exactly one accept can win, whatever the interleaving
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    const row = await db.demand.findUniqueOrThrow({ where: { id: demand.id } });
    expect(row.awardedQuantity).toBe(200);
    expect(row.status).toBe("PARTLY_AWARDED");
    expect(await db.offer.count({ where: { demandId: demand.id, status: "ACCEPTED" } })).toBe(1);
  }, 90_000);

  it("refuses a split when the partner wants one group, and needs a reason to decline", async () => {
    const { demand, mitra } = await openDemand({ quantity: 200, allowSplit: false });
    const [a, b] = await Promise.all(KUE_GROUPS.slice(1, 3).map(groupBySlug));
    const oa = await sendOffer(await chairActor(KUE_GROUPS[1]!), demand.id, a!.id, offer({ quantityPerPeriod: 200 }));
    const ob = await sendOffer(await chairActor(KUE_GROUPS[2]!), demand.id, b!.id, offer({ quantityPerPeriod: 200 }));
    expect((await refusal(acceptOffers(mitra, demand.id, [{ offerId: oa, quantity: 100 }, { offerId: ob, quantity: 100 }]))).key).toBe("demands:errors.noSplit");
    expect((await refusal(transitionOffer(mitra, ob, "decline", " "))).key).toBe("errors:reasonRequired");
    await transitionOffer(mitra, ob, "decline", "Harga di atas anggaran");
    await transitionOffer(mitra, oa, "shortlist");
    const result = await acceptOffers(mitra, demand.id, [{ offerId: oa, quantity: 200 }]);
    expect(result.status).toBe("AWARDED");
    const userB = await db.user.findFirstOrThrow({ where: { groupId: b!.id } });
    expect(await db.notification.count({ where: { userId: userB.id, kind: "demands:notify.offerDeclined" } })).toBe(1);
  });

  it("turns accepted offers of a recurring demand into one MoU draft per group", async () => {
    const { demand, mitra } = await openDemand({ frequency: "DAILY", quantity: 300, endDate: inDays(200) });
    const [a, b] = await Promise.all(KUE_GROUPS.slice(1, 3).map(groupBySlug));
    const oa = await sendOffer(await chairActor(KUE_GROUPS[1]!), demand.id, a!.id, offer({ quantityPerPeriod: 200 }));
    const ob = await sendOffer(await chairActor(KUE_GROUPS[2]!), demand.id, b!.id, offer({ quantityPerPeriod: 200 }));
    const result = await acceptOffers(mitra, demand.id, [
      { offerId: oa, quantity: 200 },
      { offerId: ob, quantity: 100 },
    ]);
    expect(result.next.kind).toBe("mou");
    expect(result.next.ids).toHaveLength(2);
    const mous = await db.mou.findMany({ where: { demandId: demand.id }, include: { groups: true } });
    expect(mous.map((m) => m.groups.map((g) => g.groupId)).flat().sort()).toEqual([a!.id, b!.id].sort());
  });

  it("ranks groups for Dinas with reasons, invites them, and lists stale demands", async () => {
    const { demand } = await openDemand({ quantity: 300, frequency: "DAILY", endDate: inDays(100) });
    const match = await candidatesFor(await actorFor("dinas@bermitra.id"), demand.id);
    expect(match.need).toBe(2100);
    expect(match.ranked.length).toBeGreaterThan(0);
    const kueIds = new Set((await db.group.findMany({ where: { slug: { in: KUE_GROUPS } } })).map((g) => g.id));
    expect(match.ranked.every((c) => kueIds.has(c.groupId))).toBe(true);
    expect(match.ranked[0]!.reasons.map((r) => r.key)).toContain("categoryFit");
    for (let i = 1; i < match.ranked.length; i++) expect(match.ranked[i - 1]!.score).toBeGreaterThanOrEqual(match.ranked[i]!.score);
    expect(["single", "split", "impossible"]).toContain(match.split.kind);

    const dinas = await actorFor("dinas@bermitra.id");
    const soka = await groupBySlug("kpm-soka-mojorejo");
    await inviteGroup(dinas, demand.id, soka.id, "Kapasitas Anda cocok");
    expect((await refusal(inviteGroup(dinas, demand.id, soka.id))).key).toBe("demands:errors.alreadyInvited");
    const sokaUser = await db.user.findFirstOrThrow({ where: { groupId: soka.id } });
    expect(await db.notification.count({ where: { userId: sokaUser.id, kind: "demands:notify.invited" } })).toBe(1);
    expect((await demandFeed(soka.id))[0]!.id).toBe(demand.id);

    const stale = await staleDemands(null);
    expect(stale.map((d) => d.title)).toContain("Telur asin untuk menu rombongan wisata");
    expect(stale.map((d) => d.title)).not.toContain("Kue basah untuk sarapan tamu akhir pekan");
    expect((await staleDemands(null, new Date(), 10)).map((d) => d.title)).not.toContain("Telur asin untuk menu rombongan wisata");
    // the periodic job tells Dinas once per stale demand, with a controllable clock
    const dinasUser = await db.user.findUniqueOrThrow({ where: { email: "dinas@bermitra.id" } });
    const before = await db.notification.count({ where: { userId: dinasUser.id, kind: "demands:notify.stale" } });
    const first = await notifyStaleDemands(new Date());
    expect(first.sent).toBe(first.stale);
    expect(await db.notification.count({ where: { userId: dinasUser.id, kind: "demands:notify.stale" } })).toBe(before + first.sent);
    expect((await notifyStaleDemands(new Date())).sent).toBe(0);
    // a week later the fresh demand published in this test is stale too
    expect((await notifyStaleDemands(new Date(Date.now() + 7 * DAY))).sent).toBeGreaterThanOrEqual(1);
  });
});

describe("demand permissions", () => {
  it("keeps a partner out of another partner's demand and its offers", async () => {
    // out of scope = not found (decision 060): the scoped lookup never loads another partner's demand
    const { demand } = await openDemand();
    const other = await cookieFor("staf.hotel-graha-arjuno@bermitra.id");
    const res = await responseOf(() => partnerDemandLoader({ request: getRequest(`/partner/demands/${demand.id}`, other), params: { demandId: demand.id }, context: {} }));
    expect(res.status).toBe(404);
    const post = await responseOf(() =>
      partnerDemandAction({ request: formRequest(`/partner/demands/${demand.id}`, { intent: "cancel", reason: "x" }, other), params: { demandId: demand.id }, context: {} }),
    );
    expect(post.status).toBe(404);
    const mine = await cookieFor("mitra@bermitra.id");
    const own = await responseOf(() => partnerDemandLoader({ request: getRequest(`/partner/demands/${demand.id}`, mine), params: { demandId: demand.id }, context: {} }));
    expect(own.status).toBe(200);
  });

  it("lets only the group itself or its facilitator offer for a group; Dinas reads, groups do not broker", async () => {
    const { demand } = await openDemand();
    const dahlia = await groupBySlug("kpm-dahlia-songgokerto");
    const params = { groupId: dahlia.id, demandId: demand.id };
    const fields = { intent: "send", pricePerUnit: "2500", quantityPerPeriod: "100", startDate: ymd(inDays(10)) };
    const stranger = await cookieFor("chair.kpm-flamboyan-temas@bermitra.id");
    expect((await responseOf(() => groupDemandAction({ request: formRequest(`/groups/${dahlia.id}/demands/${demand.id}`, fields, stranger), params, context: {} }))).status).toBe(403);
    const partner = await cookieFor("mitra@bermitra.id");
    expect((await responseOf(() => groupDemandAction({ request: formRequest(`/groups/${dahlia.id}/demands/${demand.id}`, fields, partner), params, context: {} }))).status).toBe(403);
    const dinasCookie = await cookieFor("dinas@bermitra.id");
    expect((await responseOf(() => groupDemandAction({ request: formRequest(`/groups/${dahlia.id}/demands/${demand.id}`, fields, dinasCookie), params, context: {} }))).status).toBe(403);
    // the assigned facilitator may, in assisted mode (audited with the group)
    if (dahlia.facilitatorId) {
      const facilitator = await db.user.findUniqueOrThrow({ where: { id: dahlia.facilitatorId } });
      const facilitatorCookie = await cookieFor(facilitator.email);
      const res = await responseOf(() => groupDemandAction({ request: formRequest(`/groups/${dahlia.id}/demands/${demand.id}`, fields, facilitatorCookie), params, context: {} }));
      expect(res.status).toBe(302);
      const event = await db.auditEvent.findFirstOrThrow({ where: { action: "offer.send", actorId: facilitator.id } });
      expect(event.actingForGroupId).toBe(dahlia.id);
    }
    // bad input from the group: 400 with field errors
    const chair = await cookieFor("chair.kpm-dahlia-songgokerto@bermitra.id");
    const bad = await responseOf(() =>
      groupDemandAction({ request: formRequest(`/groups/${dahlia.id}/demands/${demand.id}`, { ...fields, intent: "revise", pricePerUnit: "0", quantityPerPeriod: "abc" }, chair), params, context: {} }),
    );
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { errors: Record<string, string> };
    expect(Object.keys(body.errors).sort()).toEqual(["pricePerUnit", "quantityPerPeriod"]);
    // Dinas sees suggestions; a group may not
    expect((await responseOf(() => dinasDemandLoader({ request: getRequest(`/dinas/demands/${demand.id}`, dinasCookie), params: { demandId: demand.id }, context: {} }))).status).toBe(200);
    expect((await responseOf(() => dinasDemandLoader({ request: getRequest(`/dinas/demands/${demand.id}`, chair), params: { demandId: demand.id }, context: {} }))).status).toBe(403);
  });
});

describe("facilitator (assisted mode)", () => {
  it("lists the assigned groups' boards and opens only those", async () => {
    const facilitator = await db.user.findUniqueOrThrow({ where: { email: "pendamping@bermitra.id" } });
    const cookie = await cookieFor(facilitator.email);
    const res = await responseOf(() => facilitatorDemandsLoader({ request: getRequest("/facilitator/demands", cookie), params: {}, context: {} }));
    const { rows } = (await res.json()) as { rows: { id: string; fitting: number; offered: number }[] };
    const assigned = await db.group.findMany({ where: { facilitatorId: facilitator.id, verificationStatus: "VERIFIED", active: true }, select: { id: true } });
    expect(rows.map((r) => r.id).sort()).toEqual(assigned.map((g) => g.id).sort());
    // The board's counts (read for all groups at once) are those of each group's own feed.
    for (const row of rows) {
      const feed = await demandFeed(row.id);
      expect({ id: row.id, fitting: row.fitting, offered: row.offered }).toEqual({
        id: row.id,
        fitting: feed.filter((d) => d.categoryFit || d.invited).length,
        offered: feed.filter((d) => d.myOfferStatus).length,
      });
    }
    expect(rows.some((r) => r.fitting > 0)).toBe(true);
    expect(rows.some((r) => r.offered > 0)).toBe(true);
    const own = assigned[0]!.id;
    const feed = await responseOf(() => feedLoader({ request: getRequest(`/groups/${own}/demands`, cookie), params: { groupId: own }, context: {} }));
    expect(((await feed.json()) as { assisted: boolean }).assisted).toBe(true);
    const other = await db.group.findFirstOrThrow({ where: { facilitatorId: { not: facilitator.id }, verificationStatus: "VERIFIED" } });
    const refused = await responseOf(() => feedLoader({ request: getRequest(`/groups/${other.id}/demands`, cookie), params: { groupId: other.id }, context: {} }));
    expect(refused.status).toBe(403);
  });
});

describe("track record and sample photos", () => {
  it("computes on-time and quality rates from handovers, and counts ACTIVE MoUs as partnerships", async () => {
    const group = await groupBySlug("kpm-soka-mojorejo");
    const hotel = await partnerBySlug("hotel-taman-sari-batu");
    expect((await trackRecords([group.id])).get(group.id)).toMatchObject({ onTimeRate: null, qualityRate: null });
    const deliveries: [number, number, number][] = [
      // [days late, delivered, accepted]
      [0, 100, 100],
      [0, 100, 90],
      [2, 100, 100],
      [0, 100, 70],
    ];
    for (const [i, [late, delivered, accepted]] of deliveries.entries()) {
      const due = new Date(Date.UTC(2026, 9, 1 + i, 0, 0) - 7 * 3_600_000);
      await db.order.create({
        data: {
          number: `TEST-TR-${i}`,
          groupId: group.id,
          partnerId: hotel.id,
          source: "CATALOGUE",
          status: "RECEIVED",
          deliveryDate: due,
          deliveryAddress: "Hotel",
          totalRupiah: delivered * 2000,
          lines: { create: [{ description: "Lemper", unit: "PCS", quantity: delivered, unitPrice: 2000 }] },
        },
      });
      const order = await db.order.findUniqueOrThrow({ where: { number: `TEST-TR-${i}` }, include: { lines: true } });
      await db.delivery.create({
        data: {
          orderId: order.id,
          receivedAt: new Date(due.getTime() + late * DAY + 6 * 3_600_000),
          lines: { create: [{ orderLineId: order.lines[0]!.id, deliveredQty: delivered, acceptedQty: accepted, rejectedQty: delivered - accepted }] },
        },
      });
    }
    const record = (await trackRecords([group.id])).get(group.id)!;
    expect(record.deliveries).toBe(4);
    expect(record.onTimeRate).toBeCloseTo(0.75);
    expect(record.qualityRate).toBeCloseTo(0.9);
    const activeMous = await db.mouGroup.count({ where: { groupId: group.id, mou: { status: "ACTIVE" } } });
    expect(record.partnerships).toBe(activeMous);
  });

  it("stores an offer's sample photo under UPLOAD_DIR and shows it only to those involved", async () => {
    const { demand } = await openDemand();
    const dahlia = await groupBySlug("kpm-dahlia-songgokerto");
    const chair = await cookieFor("chair.kpm-dahlia-songgokerto@bermitra.id");
    // 1×1 PNG
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
    const body = new FormData();
    for (const [k, v] of Object.entries({ intent: "send", pricePerUnit: "2500", quantityPerPeriod: "100", startDate: ymd(inDays(10)) })) body.append(k, v);
    body.append("photo", new File([png], "contoh.png", { type: "image/png" }));
    const url = `http://localhost/groups/${dahlia.id}/demands/${demand.id}`;
    const res = await responseOf(() => groupDemandAction({ request: new Request(url, { method: "POST", body, headers: { Cookie: chair } }), params: { groupId: dahlia.id, demandId: demand.id }, context: {} }));
    expect(res.status).toBe(302);
    const saved = await db.offer.findUniqueOrThrow({ where: { demandId_groupId: { demandId: demand.id, groupId: dahlia.id } } });
    expect(saved.samplePhotoKey).toMatch(/^offers\/[0-9a-f-]{36}\.png$/);
    const get = (cookie: string) => responseOf(() => photoLoader({ request: getRequest(`/demands/offer-photo/${saved.id}`, cookie), params: { offerId: saved.id }, context: {} }));
    const mine = await get(await cookieFor("mitra@bermitra.id"));
    expect((await get(await cookieFor("dinas.malang@bermitra.id"))).status).toBe(404); // another office
    expect(mine.status).toBe(200);
    expect(Buffer.from(await mine.arrayBuffer()).equals(png)).toBe(true);
    expect((await get(chair)).status).toBe(200);
    expect((await get(await cookieFor("dinas@bermitra.id"))).status).toBe(200);
    expect((await get(await cookieFor("staf.hotel-graha-arjuno@bermitra.id"))).status).toBe(404);
    expect((await get(await cookieFor("chair.kpm-flamboyan-temas@bermitra.id"))).status).toBe(404);
    // not an image: refused next to the field
    const bad = new FormData();
    for (const [k, v] of Object.entries({ intent: "revise", offerId: saved.id, pricePerUnit: "2400", quantityPerPeriod: "100", startDate: ymd(inDays(10)) })) bad.append(k, v);
    bad.append("photo", new File([Buffer.from("hello")], "catatan.txt", { type: "text/plain" }));
    const refused = await responseOf(() => groupDemandAction({ request: new Request(url, { method: "POST", body: bad, headers: { Cookie: chair } }), params: { groupId: dahlia.id, demandId: demand.id }, context: {} }));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: Record<string, string> }).errors.photo).toBe("demands:validation.photoType");
  });
});
