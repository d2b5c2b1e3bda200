import { db } from "~/db/db.server";
import { AUDIT_PAGE_MAX, auditLogFor } from "~/audit/audit.server";
import { canReadGroupCoaching, findSessionFor } from "~/coaching/access.server";
import { canReadVisits } from "~/mentoring/access.server";
import { decideVerification, verificationQueue } from "~/verification/verification.server";
import { updateGroupProfile } from "~/groups/groups.server";
import { loader as workspaceLoader } from "~/routes/groups.$groupId._index";
import { action as verificationAction } from "~/routes/dinas.verification";
import { loader as mouLoader } from "~/routes/mou.$id";
import { actorFor } from "../helpers/actors";
import { cookieFor, formRequest, getRequest, responseOf } from "../helpers/requests";

/**
 * Regression (issue 10): Dinas staff of one office must see and act only on their office's groups, MoUs,
 * coaching, visits, verification queue and audit. Kota Batu is office A, Kota Malang (seed) office B.
 */
async function batu() {
  const office = await db.dinasOffice.findFirstOrThrow({ where: { users: { some: { email: "dinas@bermitra.id" } } } });
  const group = await db.group.findFirstOrThrow({ where: { dinasOfficeId: office.id, verificationStatus: "VERIFIED" } });
  const pending = await db.group.findFirstOrThrow({ where: { dinasOfficeId: office.id, verificationStatus: "PENDING" } });
  const mou = await db.mou.findFirstOrThrow({ where: { dinasOfficeId: office.id } });
  const session = await db.coachingSession.findFirstOrThrow({ where: { group: { dinasOfficeId: office.id } } });
  return { office, group, pending, mou, session };
}

describe("Dinas of office B (Kota Malang) cannot reach office A (Kota Batu)", () => {
  it("does not see A's groups, MoUs, coaching or visits", async () => {
    const a = await batu();
    const malang = await actorFor("dinas.malang@bermitra.id");
    expect(malang.dinasOfficeId).not.toBe(a.office.id);
    const cookie = await cookieFor("dinas.malang@bermitra.id");
    expect((await responseOf(() => workspaceLoader({ request: getRequest(`/groups/${a.group.id}`, cookie), params: { groupId: a.group.id }, context: {} }))).status).toBe(403);
    expect((await responseOf(() => mouLoader({ request: getRequest(`/mou/${a.mou.id}`, cookie), params: { id: a.mou.id }, context: {} }))).status).toBe(404);
    expect(await canReadGroupCoaching(malang, a.group.id)).toBe(false);
    expect(await findSessionFor(malang, a.session.id)).toBeNull();
    expect(await canReadVisits(malang, a.group.id)).toBe(false);
    // office A's own Dinas still does
    const batuDinas = await actorFor("dinas@bermitra.id");
    expect(await canReadGroupCoaching(batuDinas, a.group.id)).toBe(true);
    expect(await findSessionFor(batuDinas, a.session.id)).not.toBeNull();
  });

  it("cannot change A's group profile, nor move a group into another office's village", async () => {
    const a = await batu();
    const malang = await actorFor("dinas.malang@bermitra.id");
    const before = await db.group.findUniqueOrThrow({ where: { id: a.group.id } });
    const input = { name: "Diubah", villageId: before.villageId, businessKind: before.businessKind, businessDescription: "x" };
    await expect(updateGroupProfile(malang, a.group.id, input)).rejects.toMatchObject({ key: "errors:notFound" });
    const malangVillage = await db.village.findFirstOrThrow({ where: { kecamatan: { dinasOfficeId: malang.dinasOfficeId! } } });
    await expect(updateGroupProfile(await actorFor("dinas@bermitra.id"), a.group.id, { ...input, villageId: malangVillage.id })).rejects.toMatchObject({ field: "villageId" });
    expect(await db.group.findUniqueOrThrow({ where: { id: a.group.id } })).toEqual(before);
  });

  it("sees only its office's verification queue and cannot decide on A's pending group", async () => {
    const a = await batu();
    const malang = await actorFor("dinas.malang@bermitra.id");
    const queue = await verificationQueue(malang);
    expect(queue.groups.map((g) => g.id)).not.toContain(a.pending.id);
    await expect(decideVerification(malang, "group", a.pending.id, "verify")).rejects.toMatchObject({ key: "errors:notFound" });
    const cookie = await cookieFor("dinas.malang@bermitra.id");
    const events = await db.auditEvent.count();
    const response = await responseOf(() => verificationAction({ request: formRequest("/dinas/verification", { subject: "group", id: a.pending.id, decision: "verify" }, cookie), params: {}, context: {} }));
    expect(response.status).toBe(400);
    expect((await db.group.findUniqueOrThrow({ where: { id: a.pending.id } })).verificationStatus).toBe("PENDING");
    expect(await db.auditEvent.count()).toBe(events);
  });

  it("reads only its office's audit events", async () => {
    const a = await batu();
    const malang = await actorFor("dinas.malang@bermitra.id");
    const mine = await auditLogFor(malang, { take: 1000 });
    const batuIds = new Set([a.group.id, a.mou.id, a.session.id, ...(await db.group.findMany({ where: { dinasOfficeId: a.office.id }, select: { id: true } })).map((g) => g.id)]);
    expect(mine.events.some((e) => batuIds.has(e.entityId))).toBe(false);
    const batuLog = await auditLogFor(await actorFor("dinas@bermitra.id"), { take: 1000 });
    expect(batuLog.events.some((e) => batuIds.has(e.entityId))).toBe(true);
    expect((await auditLogFor(await actorFor("admin@bermitra.id"), { take: 1000 })).events).toHaveLength(Math.min(1000, await db.auditEvent.count()));
    expect((await auditLogFor(await actorFor("kelompok@bermitra.id"), { take: 10 })).events).toHaveLength(0);
  });

  it("puts the office scope into the audit query: same events as matching every record by hand, filtered by type and paged", async () => {
    for (const email of ["dinas@bermitra.id", "dinas.malang@bermitra.id"]) {
      const actor = await actorFor(email);
      const office = actor.dinasOfficeId!;
      const inOffice = { dinasOfficeId: office };
      const ids = async (rows: Promise<{ id: string }[]>) => new Set((await rows).map((r) => r.id));
      // The oracle: every audited record of the office, loaded one table at a time.
      const records: Record<string, Set<string>> = {
        Group: await ids(db.group.findMany({ where: inOffice, select: { id: true } })),
        Partner: await ids(db.partner.findMany({ where: inOffice, select: { id: true } })),
        Mou: await ids(db.mou.findMany({ where: inOffice, select: { id: true } })),
        User: await ids(db.user.findMany({ where: { OR: [inOffice, { group: inOffice }, { partner: inOffice }] }, select: { id: true } })),
        Product: await ids(db.product.findMany({ where: { group: inOffice }, select: { id: true } })),
        Demand: await ids(db.demand.findMany({ where: { partner: inOffice }, select: { id: true } })),
        Offer: await ids(db.offer.findMany({ where: { group: inOffice }, select: { id: true } })),
        Order: await ids(db.order.findMany({ where: { OR: [{ group: inOffice }, { partner: inOffice }] }, select: { id: true } })),
        Invoice: await ids(db.invoice.findMany({ where: { OR: [{ group: inOffice }, { partner: inOffice }] }, select: { id: true } })),
        Payment: await ids(db.payment.findMany({ where: { invoice: { OR: [{ group: inOffice }, { partner: inOffice }] } }, select: { id: true } })),
        CoachingSession: await ids(db.coachingSession.findMany({ where: { group: inOffice }, select: { id: true } })),
        CoachingCommitment: await ids(db.coachingCommitment.findMany({ where: { mou: inOffice }, select: { id: true } })),
        FacilitatorVisit: await ids(db.facilitatorVisit.findMany({ where: { group: inOffice }, select: { id: true } })),
        VisitFollowUp: await ids(db.visitFollowUp.findMany({ where: { visit: { group: inOffice } }, select: { id: true } })),
      };
      const all = await db.auditEvent.findMany({ orderBy: [{ at: "desc" }, { id: "desc" }], select: { id: true, entityType: true, entityId: true, actorId: true } });
      const expected = all.filter((e) => records[e.entityType]?.has(e.entityId) || (e.actorId && records.User!.has(e.actorId)));
      expect(expected.length).toBeGreaterThan(0);
      const log = await auditLogFor(actor, { take: AUDIT_PAGE_MAX });
      expect(expected.length).toBeLessThan(AUDIT_PAGE_MAX);
      expect(log.older).toBeNull();
      expect(log.events.map((e) => e.id)).toEqual(expected.map((e) => e.id));
      // by type, walked three at a time by key: the same events, each once, in order
      const orders = expected.filter((e) => e.entityType === "Order");
      expect(orders.length).toBeGreaterThan(3);
      const walked: string[] = [];
      let before: string | null = null;
      do {
        const page = await auditLogFor(actor, { entityType: "Order", take: 3, before });
        walked.push(...page.events.map((e) => e.id));
        before = page.older;
      } while (before);
      expect(walked).toEqual(orders.map((e) => e.id));
    }
  });
});
