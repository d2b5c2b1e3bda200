import { actorOf } from "~/auth/guard.server";
import { loadSessionUser } from "~/auth/session.server";
import { db } from "~/db/db.server";
import { completeFollowUp, facilitatorDashboard, flagGroupsWithoutVisits, groupsWithoutVisit, logVisit } from "~/mentoring/visits.server";
import { loader as dinasCoachingLoader } from "~/routes/dinas.coaching";
import { loader as facilitatorLoader } from "~/routes/facilitator._index";
import { action as visitsAction, loader as visitsLoader } from "~/routes/groups.$groupId_.visits";
import { cookieFor, formRequest, getRequest, responseOf } from "../helpers/requests";

const GROUP = "kpm-melati-sisir";

async function facilitatorOf(slug: string) {
  const group = await db.group.findUniqueOrThrow({ where: { slug }, include: { facilitator: true } });
  const cookie = await cookieFor(group.facilitator!.email);
  const user = (await loadSessionUser(getRequest("/", cookie)))!.user;
  return { group, cookie, actor: actorOf(user, undefined, group.id) };
}

const at = (iso: string) => new Date(iso);
const visitInput = (date: string, followUpDue = "2027-03-20") => ({
  visitDate: at(`${date}T00:00:00+07:00`),
  place: "Rumah ketua",
  attendeeCount: 8,
  topics: ["BUSINESS", "FAMILY"] as ("BUSINESS" | "FAMILY")[],
  problems: "Pembukuan belum rutin",
  followUps: [{ description: "Isi buku kas", dueDate: at(`${followUpDue}T00:00:00+07:00`) }],
});

describe("facilitator visits", () => {
  it("logs a visit with follow-ups that stay open until done; refuses future dates and unassigned facilitators", async () => {
    const { group, actor } = await facilitatorOf(GROUP);
    const now = at("2027-03-10T05:00:00Z");
    await expect(logVisit(actor, group.id, visitInput("2027-03-11"), [], now)).rejects.toThrow(/visitInFuture/);
    await expect(logVisit(actor, group.id, { ...visitInput("2027-03-09"), topics: [] }, [], now)).rejects.toThrow(/noTopic/);
    await expect(logVisit(actor, group.id, visitInput("2027-03-09", "2027-03-01"), [], now)).rejects.toThrow(/followUpBeforeVisit/);
    const other = await db.group.findFirstOrThrow({ where: { facilitatorId: { not: group.facilitatorId }, NOT: { facilitatorId: null } } });
    await expect(logVisit(actor, other.id, visitInput("2027-03-09"), [], now)).rejects.toThrow(/notAssigned/);

    const visit = await logVisit(actor, group.id, visitInput("2027-03-09"), [], now);
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: visit.id, action: "visit.log" } });
    expect(event.actingForGroupId).toBe(group.id);

    const dash = await facilitatorDashboard(group.facilitatorId!, now);
    const row = dash.groups.find((g) => g.id === group.id)!;
    expect(row.noVisitThisMonth).toBe(false);
    const followUp = row.openFollowUps.find((f) => f.description === "Isi buku kas")!;
    expect(followUp).toBeTruthy();
    // next month: no visit yet, and the follow-up is overdue until done
    const april = await facilitatorDashboard(group.facilitatorId!, at("2027-04-02T05:00:00Z"));
    const aprilRow = april.groups.find((g) => g.id === group.id)!;
    expect(aprilRow.noVisitThisMonth).toBe(true);
    expect(aprilRow.openFollowUps.find((f) => f.id === followUp.id)?.overdue).toBe(true);
    expect(aprilRow.needsAttention).toBe(true);
    await completeFollowUp(actor, group.id, followUp.id, at("2027-04-02T06:00:00Z"));
    await expect(completeFollowUp(actor, group.id, followUp.id)).rejects.toThrow(/alreadyDone/);
    const after = await facilitatorDashboard(group.facilitatorId!, at("2027-04-02T07:00:00Z"));
    expect(after.groups.find((g) => g.id === group.id)!.openFollowUps.some((f) => f.id === followUp.id)).toBe(false);
  });

  it("shows the home of a facilitator with more groups than one SQLite statement binds (1,200; was P2029, an HTTP 500)", async () => {
    const { group } = await facilitatorOf(GROUP);
    const base = { type: group.type, dinasOfficeId: group.dinasOfficeId, kecamatanId: group.kecamatanId, villageId: group.villageId, businessDescription: "uji", verificationStatus: "VERIFIED" as const, facilitatorId: group.facilitatorId };
    await db.group.createMany({ data: Array.from({ length: 1_200 }, (_, i) => ({ ...base, slug: `banyak-${i}`, name: `KPM Banyak ${String(i).padStart(4, "0")}` })) });
    const last = await db.group.findUniqueOrThrow({ where: { slug: "banyak-1199" } });
    await db.facilitatorVisit.create({
      data: { groupId: last.id, facilitatorId: group.facilitatorId!, visitDate: at("2027-03-05T03:00:00Z"), place: "Balai desa", attendeeCount: 5, topics: "BUSINESS", problems: "" },
    });
    const dash = await facilitatorDashboard(group.facilitatorId!, at("2027-03-10T05:00:00Z"));
    expect(dash.groups.length).toBeGreaterThan(1_200);
    // the visit of a group past the first chunk of ids is found
    expect(dash.groups.find((g) => g.id === last.id)!.noVisitThisMonth).toBe(false);
    expect(dash.groups.find((g) => g.name === "KPM Banyak 0000")).toMatchObject({ noVisitThisMonth: true });
  });

  it("flags groups without a visit in a calendar month to the facilitator and Dinas, once", async () => {
    const now = at("2027-06-02T00:00:00Z");
    // Every office is flagged; Kota Batu's Dinas gets a summary of Kota Batu's groups only.
    const batu = await db.dinasOffice.findFirstOrThrow({ where: { name: "Dinas Sosial Kota Batu" } });
    const everywhere = await groupsWithoutVisit(null, at("2027-05-15T00:00:00Z"));
    const without = await groupsWithoutVisit(batu.id, at("2027-05-15T00:00:00Z"));
    expect(without.length).toBeGreaterThan(0);
    expect(everywhere.length).toBeGreaterThan(without.length);
    const flagged = await flagGroupsWithoutVisits(now);
    expect(flagged).toBe(everywhere.length);
    const dinas = await db.user.findUniqueOrThrow({ where: { email: "dinas@bermitra.id" } });
    const summary = await db.notification.findFirstOrThrow({ where: { userId: dinas.id, kind: "mentoring:notify.noVisitSummary" } });
    expect(JSON.parse(summary.params)).toMatchObject({ month: "2027-05", count: without.length });
    const withFacilitator = without.find((g) => g.facilitator)!;
    expect(await db.notification.count({ where: { userId: withFacilitator.facilitator!.id, kind: "mentoring:notify.noVisit" } })).toBeGreaterThan(0);
    expect(await flagGroupsWithoutVisits(at("2027-06-10T00:00:00Z"))).toBe(0);
  });
});

describe("visit and coaching pages", () => {
  it("serves the visit log to the facilitator (assisted), refuses other facilitators and partners", async () => {
    const { group, cookie } = await facilitatorOf(GROUP);
    const res = (await visitsLoader({ request: getRequest(`/groups/${group.id}/visits`, cookie), params: { groupId: group.id }, context: {} })) as Response;
    const data = await res.json();
    expect(data.canLog).toBe(true);
    expect(data.assisted).toBe(true);
    const other = await db.user.findFirstOrThrow({ where: { role: "FACILITATOR", id: { not: group.facilitatorId! } } });
    const otherCookie = await cookieFor(other.email);
    const refused = await responseOf(() => visitsLoader({ request: getRequest(`/groups/${group.id}/visits`, otherCookie), params: { groupId: group.id }, context: {} }));
    expect(refused.status).toBe(403);
    const post = await responseOf(() =>
      visitsAction({
        request: formRequest(`/groups/${group.id}/visits`, { intent: "log", visitDate: "2026-11-01", place: "X", attendeeCount: "3", "topics[]": ["BUSINESS"] }, otherCookie),
        params: { groupId: group.id },
        context: {},
      }),
    );
    expect(post.status).toBe(403);
    const partnerCookie = await cookieFor("mitra@bermitra.id");
    const partnerRes = await responseOf(() => visitsLoader({ request: getRequest(`/groups/${group.id}/visits`, partnerCookie), params: { groupId: group.id }, context: {} }));
    expect(partnerRes.status).toBe(403);

    // A form with a follow-up but no due date is a 400 on that field.
    const bad = await responseOf(() =>
      visitsAction({
        request: formRequest(`/groups/${group.id}/visits`, { intent: "log", visitDate: "2026-11-01", place: "Rumah ketua", attendeeCount: "5", "topics[]": ["BUSINESS"], followUp0Description: "Isi buku kas", followUp0DueDate: "" }, cookie),
        params: { groupId: group.id },
        context: {},
      }),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.followUp0DueDate).toBe("validation:required");
    const ok = await responseOf(() =>
      visitsAction({
        request: formRequest(`/groups/${group.id}/visits`, { intent: "log", visitDate: "2026-11-01", place: "Rumah ketua", attendeeCount: "5", "topics[]": ["BUSINESS", "HEALTH"], followUp0Description: "Isi buku kas", followUp0DueDate: "2026-12-01" }, cookie),
        params: { groupId: group.id },
        context: {},
      }),
    );
    expect(ok.status).toBe(302);
  });

  it("renders the facilitator home and the Dinas coaching page", async () => {
    const { cookie } = await facilitatorOf(GROUP);
    const res = (await facilitatorLoader({ request: getRequest("/facilitator", cookie), params: {}, context: {} })) as Response;
    const data = await res.json();
    expect(data.groups.length).toBeGreaterThan(0);
    const dinasCookie = await cookieFor("dinas@bermitra.id");
    const dres = (await dinasCoachingLoader({ request: getRequest("/dinas/coaching", dinasCookie), params: {}, context: {} })) as Response;
    const ddata = await dres.json();
    expect(Array.isArray(ddata.partners)).toBe(true);
    expect(ddata.groups.length).toBeGreaterThan(0);
    const partnerCookie = await cookieFor("mitra@bermitra.id");
    const refused = await responseOf(() => dinasCoachingLoader({ request: getRequest("/dinas/coaching", partnerCookie), params: {}, context: {} }));
    expect(refused.status).toBe(403);
  });
});

describe("visit attendance", () => {
  it("records which members came, only members of the group, and never fewer attendees than members ticked", async () => {
    const { group, actor } = await facilitatorOf(GROUP);
    const now = at("2027-03-10T05:00:00Z");
    const members = await db.groupMember.findMany({ where: { groupId: group.id }, take: 3 });
    const stranger = await db.groupMember.findFirstOrThrow({ where: { groupId: { not: group.id } } });
    const base = { ...visitInput("2027-03-09"), attendeeCount: null };
    await expect(logVisit(actor, group.id, { ...base, memberIds: [members[0]!.id, stranger.id] }, [], now)).rejects.toMatchObject({ key: "mentoring:errors.notAMember", field: "memberIds" });
    await expect(logVisit(actor, group.id, { ...base, memberIds: members.map((m) => m.id), attendeeCount: 2 }, [], now)).rejects.toMatchObject({ key: "mentoring:errors.fewerThanTicked" });
    await expect(logVisit(actor, group.id, { ...base, memberIds: [] }, [], now)).rejects.toMatchObject({ key: "mentoring:errors.noAttendees" });
    const visit = await logVisit(actor, group.id, { ...base, memberIds: members.map((m) => m.id) }, [], now);
    expect(visit.attendeeCount).toBe(3);
    const present = await db.visitAttendance.findMany({ where: { visitId: visit.id } });
    expect(present.map((p) => p.memberId).sort()).toEqual(members.map((m) => m.id).sort());
  });
});
