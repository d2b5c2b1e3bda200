import { actorOf } from "~/auth/guard.server";
import { loadSessionUser } from "~/auth/session.server";
import { coachingMachine } from "~/coaching/coaching-machine";
import {
  cancelSession,
  confirmSession,
  coachingSummaryFor,
  markMissedSessions,
  missedDeadline,
  partnerPerformance,
  scheduleSession,
  sendCoachingReminders,
} from "~/coaching/coaching.server";
import { sessionDueDates } from "~/coaching/dates";
import { activateCoachingForMou } from "~/coaching/schedule.server";
import { db } from "~/db/db.server";
import { action as sessionAction, loader as sessionLoader } from "~/routes/coaching.$sessionId";
import { loader as fileLoader } from "~/routes/coaching.files.$fileId";
import { saveUploads, IMAGE_KINDS } from "~/coaching/uploads.server";
import { createActiveMouWithCoaching } from "../helpers/coaching-fixture";
import { cookieFor, formRequest, getRequest, responseOf } from "../helpers/requests";
import { DEFAULT_TIME_ZONE, startOfDay } from "~/time/calendar";

const PARTNER = "hotel-taman-sari-batu";
const GROUP = "kpm-melati-sisir";

async function actorFor(email: string, actingForGroupId?: string) {
  const cookie = await cookieFor(email);
  const user = (await loadSessionUser(getRequest("/", cookie)))!.user;
  return { actor: actorOf(user, undefined, actingForGroupId), user, cookie };
}

/** Fresh MoU with 4 monthly sessions from `firstDueDate`; returns its sessions in order. */
async function fourSessions(firstDueDate: string) {
  const mouId = await createActiveMouWithCoaching(db, {
    partnerSlug: PARTNER,
    groupSlug: GROUP,
    coaching: [{ topic: "Standar kebersihan dapur", sessionsCount: 4, frequency: "MONTHLY", firstDueDate, hoursPerSession: 3 }],
  });
  const sessions = await db.coachingSession.findMany({ where: { commitment: { mouId } }, orderBy: { sequence: "asc" } });
  return { mouId, sessions };
}

const at = (iso: string) => new Date(iso);

describe("coaching schedule from an MoU", () => {
  it("computes due dates per frequency, clamping month ends", () => {
    const monthly = sessionDueDates(startOfDay("2027-01-31"), "MONTHLY", 3, DEFAULT_TIME_ZONE);
    expect(monthly.map((d) => d.toISOString())).toEqual([
      "2027-01-30T17:00:00.000Z",
      "2027-02-27T17:00:00.000Z",
      "2027-03-30T17:00:00.000Z",
    ]);
    expect(sessionDueDates(startOfDay("2027-01-01"), "WEEKLY", 2, DEFAULT_TIME_ZONE)[1]!.toISOString()).toBe("2027-01-07T17:00:00.000Z");
    expect(sessionDueDates(startOfDay("2027-01-01"), "QUARTERLY", 2, DEFAULT_TIME_ZONE)[1]!.toISOString()).toBe("2027-03-31T17:00:00.000Z");
    expect(new Set(sessionDueDates(startOfDay("2027-01-01"), "ONCE", 3, DEFAULT_TIME_ZONE).map((d) => d.getTime())).size).toBe(1);
  });

  it("creates one session per commitment, group and period; is idempotent and audited", async () => {
    const { mouId, sessions } = await fourSessions("2027-01-10");
    expect(sessions).toHaveLength(4);
    expect(sessions.every((s) => s.status === "DUE" && s.hours === 3)).toBe(true);
    expect(sessions.map((s) => s.dueDate.toISOString())).toEqual([
      "2027-01-09T17:00:00.000Z",
      "2027-02-09T17:00:00.000Z",
      "2027-03-09T17:00:00.000Z",
      "2027-04-09T17:00:00.000Z",
    ]);
    await activateCoachingForMou(db, null, mouId);
    expect(await db.coachingSession.count({ where: { commitment: { mouId } } })).toBe(4);
    const commitment = await db.coachingCommitment.findFirstOrThrow({ where: { mouId } });
    expect(await db.auditEvent.count({ where: { entityId: commitment.id, action: "coaching.commitment.created" } })).toBe(1);
  });
});

describe("coaching state machine", () => {
  it("has one explicit table: schedule, reschedule, confirm, miss, cancel (with reason)", () => {
    expect(coachingMachine.apply("DUE", "schedule")).toBe("SCHEDULED");
    expect(coachingMachine.apply("SCHEDULED", "reschedule")).toBe("RESCHEDULED");
    expect(coachingMachine.apply("RESCHEDULED", "reschedule")).toBe("RESCHEDULED");
    expect(coachingMachine.apply("SCHEDULED", "confirm")).toBe("DELIVERED");
    expect(coachingMachine.apply("RESCHEDULED", "confirm")).toBe("DELIVERED");
    expect(coachingMachine.apply("DUE", "miss")).toBe("MISSED");
    expect(coachingMachine.apply("SCHEDULED", "cancel", "Pelatih sakit")).toBe("CANCELLED");
    expect(() => coachingMachine.apply("DUE", "confirm")).toThrow(/transitionNotAllowed/);
    expect(() => coachingMachine.apply("DELIVERED", "miss")).toThrow(/transitionNotAllowed/);
    expect(() => coachingMachine.apply("MISSED", "schedule")).toThrow(/transitionNotAllowed/);
    expect(() => coachingMachine.apply("CANCELLED", "reschedule")).toThrow(/transitionNotAllowed/);
    expect(() => coachingMachine.apply("DUE", "cancel", "  ")).toThrow(/reasonRequired/);
  });

  it("computes when an open session becomes missed", () => {
    const dueDate = startOfDay("2027-01-10");
    expect(missedDeadline({ status: "DUE", dueDate, scheduledAt: null }, DEFAULT_TIME_ZONE).toISOString()).toBe("2027-01-10T17:00:00.000Z");
    // scheduled: the later of due date and session date, plus the 7-day confirmation window
    expect(missedDeadline({ status: "SCHEDULED", dueDate, scheduledAt: at("2027-01-12T02:00:00Z") }, DEFAULT_TIME_ZONE).toISOString()).toBe("2027-01-19T17:00:00.000Z");
  });
});

describe("scheduling, confirming and the missed job", () => {
  it("lets only the partner schedule, never in the past, with a place or a link; the group side is told", async () => {
    const { sessions } = await fourSessions("2027-01-10");
    const s = sessions[0]!;
    const partner = await actorFor("mitra@bermitra.id");
    const now = at("2026-12-01T00:00:00Z");
    const plan = { scheduledAt: at("2027-01-08T02:00:00Z"), place: "Dapur hotel", trainer: "Chef Bagus", topic: "Kebersihan dapur" };
    await expect(scheduleSession(partner.actor, { side: "partner", partnerId: s.partnerId }, s.id, { ...plan, scheduledAt: at("2026-11-30T02:00:00Z") }, [], now)).rejects.toThrow(/dateInPast/);
    await expect(scheduleSession(partner.actor, { side: "partner", partnerId: s.partnerId }, s.id, { ...plan, place: " ", onlineLink: null }, [], now)).rejects.toThrow(/placeOrLink/);
    await expect(scheduleSession(partner.actor, { side: "group", groupId: s.groupId }, s.id, plan, [], now)).rejects.toThrow(/onlyPartner/);
    const other = await db.partner.findFirstOrThrow({ where: { slug: { not: PARTNER } } });
    await expect(scheduleSession(partner.actor, { side: "partner", partnerId: other.id }, s.id, plan, [], now)).rejects.toThrow(/forbidden/);

    expect(await scheduleSession(partner.actor, { side: "partner", partnerId: s.partnerId }, s.id, plan, [], now)).toBe("SCHEDULED");
    const chair = await db.user.findUniqueOrThrow({ where: { email: "kelompok@bermitra.id" } });
    const told = await db.notification.findFirst({ where: { userId: chair.id, kind: "coaching:notify.scheduled" }, orderBy: { createdAt: "desc" } });
    expect(told?.link).toBe(`/coaching/${s.id}`);
    const group = await db.group.findUniqueOrThrow({ where: { id: s.groupId } });
    expect(await db.notification.count({ where: { userId: group.facilitatorId!, kind: "coaching:notify.scheduled" } })).toBeGreaterThan(0);
    expect(await scheduleSession(partner.actor, { side: "partner", partnerId: s.partnerId }, s.id, { ...plan, scheduledAt: at("2027-01-09T02:00:00Z") }, [], now)).toBe("RESCHEDULED");
    const audit = await db.auditEvent.findMany({ where: { entityId: s.id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["coaching.schedule", "coaching.reschedule"]);
  });

  it("refuses scheduling by the group and confirming by the partner over HTTP (403)", async () => {
    const { sessions } = await fourSessions("2027-01-10");
    const s = sessions[0]!;
    const groupCookie = await cookieFor("kelompok@bermitra.id");
    const res = await responseOf(() =>
      sessionAction({
        request: formRequest(`/coaching/${s.id}`, { intent: "schedule", scheduledAt: "2027-01-08T09:00", place: "Balai desa", trainer: "X", topic: "Y" }, groupCookie),
        params: { sessionId: s.id },
        context: {},
      }),
    );
    expect(res.status).toBe(403);
    const partnerCookie = await cookieFor("mitra@bermitra.id");
    const res2 = await responseOf(() =>
      sessionAction({
        request: formRequest(`/coaching/${s.id}`, { intent: "confirm", "attendeeIds[]": ["x"], rating: "5" }, partnerCookie),
        params: { sessionId: s.id },
        context: {},
      }),
    );
    expect(res2.status).toBe(403);
    // A past date through the form is a 400 with the message on the field.
    const res3 = await responseOf(() =>
      sessionAction({
        request: formRequest(`/coaching/${s.id}`, { intent: "schedule", scheduledAt: "2020-01-08T09:00", place: "Balai desa", trainer: "X", topic: "Y" }, partnerCookie),
        params: { sessionId: s.id },
        context: {},
      }),
    );
    expect(res3.status).toBe(400);
    expect((await res3.json()).errors.scheduledAt).toBe("coaching:errors.dateInPast");
    // Another partner cannot even read the session.
    const otherCookie = await cookieFor("staf.hotel-graha-arjuno@bermitra.id");
    const res4 = await responseOf(() => sessionLoader({ request: getRequest(`/coaching/${s.id}`, otherCookie), params: { sessionId: s.id }, context: {} }));
    expect(res4.status).toBe(404); // out of scope: not found (decision 060);
  });

  it("is delivered only when the group side confirms after it happened, with attendance from the group's members only", async () => {
    const { sessions } = await fourSessions("2027-01-10");
    const s = sessions[0]!;
    const partner = await actorFor("mitra@bermitra.id");
    await scheduleSession(partner.actor, { side: "partner", partnerId: s.partnerId }, s.id, { scheduledAt: at("2027-01-08T02:00:00Z"), place: "Dapur hotel", trainer: "Chef", topic: "Higiene" }, [], at("2026-12-01T00:00:00Z"));
    const chair = await actorFor("kelompok@bermitra.id");
    const by = { side: "group" as const, groupId: s.groupId };
    const members = await db.groupMember.findMany({ where: { groupId: s.groupId, leftAt: null } });
    const stranger = await db.groupMember.findFirstOrThrow({ where: { groupId: { not: s.groupId } } });
    const before = at("2027-01-07T00:00:00Z");
    const after = at("2027-01-08T08:00:00Z");
    await expect(confirmSession(chair.actor, by, s.id, { attendeeIds: [members[0]!.id], rating: 5 }, before)).rejects.toThrow(/notYetHeld/);
    await expect(confirmSession(chair.actor, by, s.id, { attendeeIds: [members[0]!.id, stranger.id], rating: 5 }, after)).rejects.toThrow(/notMembers/);
    await expect(confirmSession(chair.actor, by, s.id, { attendeeIds: [], rating: 5 }, after)).rejects.toThrow(/noAttendees/);
    await expect(confirmSession(chair.actor, by, s.id, { attendeeIds: [members[0]!.id], rating: 6 }, after)).rejects.toThrow(/rating/);
    await expect(confirmSession(partner.actor, { side: "partner", partnerId: s.partnerId }, s.id, { attendeeIds: [members[0]!.id], rating: 5 }, after)).rejects.toThrow(/onlyGroup/);
    expect((await db.coachingSession.findUniqueOrThrow({ where: { id: s.id } })).status).toBe("SCHEDULED");

    const ids = members.slice(0, 3).map((m) => m.id);
    expect(await confirmSession(chair.actor, by, s.id, { attendeeIds: ids, rating: 4, comment: "Bermanfaat" }, after)).toBe("DELIVERED");
    const done = await db.coachingSession.findUniqueOrThrow({ where: { id: s.id }, include: { attendances: true } });
    expect(done.rating).toBe(4);
    expect(done.attendances.map((a) => a.memberId).sort()).toEqual([...ids].sort());
    const mitra = await db.user.findUniqueOrThrow({ where: { email: "mitra@bermitra.id" } });
    expect(await db.notification.count({ where: { userId: mitra.id, kind: "coaching:notify.confirmed" } })).toBe(1);
    // a delivered session is final
    await expect(confirmSession(chair.actor, by, s.id, { attendeeIds: ids, rating: 4 }, after)).rejects.toThrow(/transitionNotAllowed/);
    await expect(cancelSession(partner.actor, { side: "partner", partnerId: s.partnerId }, s.id, "x")).rejects.toThrow(/transitionNotAllowed/);
  });

  it("lets the facilitator confirm in assisted mode, recorded under the group", async () => {
    const { sessions } = await fourSessions("2027-01-10");
    const s = sessions[1]!;
    const partner = await actorFor("mitra@bermitra.id");
    await scheduleSession(partner.actor, { side: "partner", partnerId: s.partnerId }, s.id, { scheduledAt: at("2027-02-09T02:00:00Z"), onlineLink: "https://meet.example.org/abc", trainer: "Chef", topic: "Higiene" }, [], at("2026-12-01T00:00:00Z"));
    const group = await db.group.findUniqueOrThrow({ where: { id: s.groupId }, include: { facilitator: true, members: { take: 2 } } });
    const facilitator = await actorFor(group.facilitator!.email!, s.groupId);
    await confirmSession(facilitator.actor, { side: "group", groupId: s.groupId }, s.id, { attendeeIds: group.members.map((m) => m.id), rating: 5 }, at("2027-02-10T00:00:00Z"));
    const event = await db.auditEvent.findFirstOrThrow({ where: { entityId: s.id, action: "coaching.confirm" } });
    expect(event.actingForGroupId).toBe(s.groupId);
    expect(event.actorId).toBe(group.facilitator!.id);
  });

  it("marks unscheduled sessions missed after their due day (controllable clock) and tells partner, group, facilitator and Dinas", async () => {
    const { sessions } = await fourSessions("2027-05-10");
    const [first, second] = sessions;
    const partner = await actorFor("mitra@bermitra.id");
    // second is scheduled for its due date: it gets the confirmation window
    await scheduleSession(partner.actor, { side: "partner", partnerId: second!.partnerId }, second!.id, { scheduledAt: at("2027-06-10T02:00:00Z"), place: "Hotel", trainer: "Chef", topic: "T" }, [], at("2027-05-01T00:00:00Z"));

    await markMissedSessions(at("2027-05-10T12:00:00Z")); // 19:00 WIB on the due day
    expect((await db.coachingSession.findUniqueOrThrow({ where: { id: first!.id } })).status).toBe("DUE");
    expect(await markMissedSessions(at("2027-05-10T17:00:00Z"))).toBeGreaterThanOrEqual(1); // midnight WIB
    expect((await db.coachingSession.findUniqueOrThrow({ where: { id: first!.id } })).status).toBe("MISSED");
    expect(await db.auditEvent.count({ where: { entityId: first!.id, action: "coaching.miss", actorId: null } })).toBe(1);
    const group = await db.group.findUniqueOrThrow({ where: { id: first!.groupId } });
    const recipients = await db.notification.findMany({ where: { kind: "coaching:notify.missed", link: `/coaching/${first!.id}` }, select: { userId: true } });
    const ids = new Set(recipients.map((r) => r.userId));
    const mitra = await db.user.findUniqueOrThrow({ where: { email: "mitra@bermitra.id" } });
    const chair = await db.user.findUniqueOrThrow({ where: { email: "kelompok@bermitra.id" } });
    const dinas = await db.user.findUniqueOrThrow({ where: { email: "dinas@bermitra.id" } });
    for (const id of [mitra.id, chair.id, dinas.id, group.facilitatorId!]) expect(ids.has(id)).toBe(true);
    // running again changes nothing
    const countBefore = await db.notification.count({ where: { kind: "coaching:notify.missed" } });
    await markMissedSessions(at("2027-05-11T00:00:00Z"));
    expect(await db.notification.count({ where: { kind: "coaching:notify.missed", link: `/coaching/${first!.id}` } })).toBe(recipients.length);
    expect(await db.notification.count({ where: { kind: "coaching:notify.missed" } })).toBe(countBefore);

    // the scheduled one is not missed on its day, nor within 7 days; after that it is
    await markMissedSessions(at("2027-06-15T00:00:00Z"));
    expect((await db.coachingSession.findUniqueOrThrow({ where: { id: second!.id } })).status).toBe("SCHEDULED");
    await markMissedSessions(at("2027-06-17T17:00:00Z"));
    expect((await db.coachingSession.findUniqueOrThrow({ where: { id: second!.id } })).status).toBe("MISSED");

    const summary = await coachingSummaryFor({ partnerId: first!.partnerId }, at("2027-06-18T00:00:00Z"));
    expect(summary.missed).toBeGreaterThanOrEqual(2);
    const perf = await partnerPerformance(null, at("2027-06-18T00:00:00Z"));
    const hotel = perf.find((p) => p.partnerId === first!.partnerId)!;
    expect(hotel.missed).toBeGreaterThanOrEqual(2);
  });

  it("reminds 7 days before an unscheduled session and the day before a scheduled one, once", async () => {
    const { sessions } = await fourSessions("2027-08-10");
    const [first, second] = sessions;
    const mitra = await db.user.findUniqueOrThrow({ where: { email: "mitra@bermitra.id" } });
    await sendCoachingReminders(at("2027-08-01T00:00:00Z")); // 9 days before: nothing
    expect((await db.coachingSession.findUniqueOrThrow({ where: { id: first!.id } })).dueReminderAt).toBeNull();
    await sendCoachingReminders(at("2027-08-03T00:00:00Z"));
    await sendCoachingReminders(at("2027-08-04T00:00:00Z"));
    expect(await db.notification.count({ where: { userId: mitra.id, kind: "coaching:notify.dueSoon", link: `/coaching/${first!.id}` } })).toBe(1);

    const partner = await actorFor("mitra@bermitra.id");
    await scheduleSession(partner.actor, { side: "partner", partnerId: second!.partnerId }, second!.id, { scheduledAt: at("2027-09-09T02:00:00Z"), place: "Hotel", trainer: "Chef", topic: "T" }, [], at("2027-08-05T00:00:00Z"));
    await sendCoachingReminders(at("2027-09-08T03:00:00Z"));
    await sendCoachingReminders(at("2027-09-08T04:00:00Z"));
    const chair = await db.user.findUniqueOrThrow({ where: { email: "kelompok@bermitra.id" } });
    expect(await db.notification.count({ where: { userId: chair.id, kind: "coaching:notify.tomorrow", link: `/coaching/${second!.id}` } })).toBe(1);
  });
});

const PNG_BYTES = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

function multipart(url: string, fields: Record<string, string>, files: Record<string, File[]>, cookie: string): Request {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  for (const [k, list] of Object.entries(files)) for (const f of list) body.append(k, f);
  return new Request(new URL(url, "http://localhost"), { method: "POST", body, headers: { Cookie: cookie } });
}

describe("coaching files", () => {
  it("validates uploads by content, not by name", async () => {
    await expect(saveUploads([new File(["not an image"], "foto.jpg", { type: "image/jpeg" })], "coaching/test", IMAGE_KINDS, "files")).rejects.toThrow(/fileType/);
    const big = new File([Buffer.concat([PNG_BYTES, Buffer.alloc(6 * 1024 * 1024)])], "besar.png", { type: "image/png" });
    await expect(saveUploads([big], "coaching/test", IMAGE_KINDS, "files")).rejects.toThrow(/fileTooLarge/);
    const six = Array.from({ length: 6 }, (_, i) => new File([PNG_BYTES], `f${i}.png`));
    await expect(saveUploads(six, "coaching/test", IMAGE_KINDS, "files")).rejects.toThrow(/tooManyFiles/);
    const [saved] = await saveUploads([new File([PNG_BYTES], "../../etc/passwd.png")], "coaching/test", IMAGE_KINDS, "files");
    expect(saved!.fileKey).toMatch(/^coaching\/test\/[0-9a-f-]+\.png$/);
    expect(saved!.fileName).toBe("passwd.png");
  });

  it("stores materials when scheduling, photos after delivery, and serves them only to the session's parties", async () => {
    const { sessions } = await fourSessions("2027-10-10");
    const s = sessions[0]!;
    const partnerCookie = await cookieFor("mitra@bermitra.id");
    const scheduled = await responseOf(() =>
      sessionAction({
        request: multipart(
          `/coaching/${s.id}`,
          { intent: "schedule", scheduledAt: "2027-10-08T09:00", place: "Dapur hotel", trainer: "Chef Bagus", topic: "Higiene" },
          { materials: [new File([PNG_BYTES], "resep.png", { type: "image/png" })] },
          partnerCookie,
        ),
        params: { sessionId: s.id },
        context: {},
      }),
    );
    expect(scheduled.status).toBe(302);
    const file = await db.coachingFile.findFirstOrThrow({ where: { sessionId: s.id, kind: "MATERIAL" } });
    expect(file.fileName).toBe("resep.png");

    // a fake PDF is refused and nothing is stored
    const refused = await responseOf(() =>
      sessionAction({
        request: multipart(`/coaching/${s.id}`, { intent: "attach", kind: "REPORT" }, { files: [new File(["hello"], "laporan.pdf")] }, partnerCookie),
        params: { sessionId: s.id },
        context: {},
      }),
    );
    expect(refused.status).toBe(400);
    expect((await refused.json()).errors.files).toBe("coaching:errors.fileType");

    const chairCookie = await cookieFor("kelompok@bermitra.id");
    const ok = await responseOf(() => fileLoader({ request: getRequest(`/coaching/files/${file.id}`, chairCookie), params: { fileId: file.id }, context: {} }));
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toBe("image/png");
    const otherCookie = await cookieFor("staf.hotel-graha-arjuno@bermitra.id");
    const no = await responseOf(() => fileLoader({ request: getRequest(`/coaching/files/${file.id}`, otherCookie), params: { fileId: file.id }, context: {} }));
    expect(no.status).toBe(404); // out of scope: not found (decision 060);

    // attendance of a non-member through the form is refused
    await db.coachingSession.update({ where: { id: s.id }, data: { scheduledAt: new Date(Date.now() - 3600_000) } });
    const stranger = await db.groupMember.findFirstOrThrow({ where: { groupId: { not: s.groupId } } });
    const bad = await responseOf(() =>
      sessionAction({
        request: formRequest(`/coaching/${s.id}`, { intent: "confirm", "attendeeIds[]": [stranger.id], rating: "4" }, chairCookie),
        params: { sessionId: s.id },
        context: {},
      }),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.attendeeIds).toBe("coaching:errors.notMembers");
  });
});
