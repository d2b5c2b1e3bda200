import {
  coachingSummaryFor,
  listSessionPage,
  partnerPerformance,
  partnerPerformancePage,
  PERFORMANCE_KEY,
  SESSION_LIST_KEY,
  sessionPhase,
  SESSION_SHOWS,
  summarize,
  type SessionScope,
  type SessionShow,
} from "~/coaching/coaching.server";
import { db } from "~/db/db.server";
import { decodeCursor, encodeCursor, type PageRequest } from "~/paging/page-params";
import { EVIDENCE_INVOICE_KEY, EVIDENCE_SESSION_KEY, evidenceInvoicePage, evidenceSessionPage, partnerEvidence } from "~/monitoring/partners.server";
import { resolveScope } from "~/monitoring/scope.server";
import { loader as dinasCoachingLoader } from "~/routes/dinas.coaching";
import { loader as evidenceLoader } from "~/routes/dinas.partners.$partnerId";
import { loader as groupCoachingLoader } from "~/routes/groups.$groupId_.coaching";
import { loader as partnerCoachingLoader } from "~/routes/partner.coaching";
import { endOfDay } from "~/time/calendar";
import { zoneOf } from "~/time/office-zone.server";
import { createActiveMouWithCoaching } from "../helpers/coaching-fixture";
import { cookieFor, getRequest } from "../helpers/requests";

/** The coaching session lists filter and page by key in the query (decision 122); the counts are SQL aggregates. */

const PARTNER = "hotel-taman-sari-batu";
const GROUP = "kpm-melati-sisir";
const NOW = new Date("2027-03-10T05:00:00Z"); // 12:00 WIB

/** Every session of the scope, loaded whole: the oracle the pages and counts are checked against. */
async function everySession(scope: SessionScope) {
  const rows = await db.coachingSession.findMany({
    where: { ...(scope.partnerId ? { partnerId: scope.partnerId } : {}), ...(scope.groupId ? { groupId: scope.groupId } : {}) },
    select: { id: true, status: true, dueDate: true, sequence: true, scheduledAt: true, group: { select: { dinasOffice: { select: { timeZone: true } } } } },
  });
  return rows
    .map((r) => ({ ...r, zone: zoneOf(r.group.dinasOffice) }))
    .sort((a, b) => a.dueDate.getTime() - b.dueDate.getTime() || a.sequence - b.sequence || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** What each list filter shows, as the pages computed it in JavaScript before decision 122. */
function shownBy(show: SessionShow, s: Parameters<typeof sessionPhase>[0]) {
  const phase = sessionPhase(s, NOW);
  switch (show) {
    case "all":
      return true;
    case "open":
      return ["upcoming", "toConfirm", "overdue"].includes(phase);
    case "notToConfirm":
      return phase !== "toConfirm";
    default:
      return phase === show;
  }
}

async function walk(scope: SessionScope, show: SessionShow, take: number) {
  const pages: string[][] = [];
  let request: PageRequest = {};
  for (;;) {
    const page = await listSessionPage(scope, show, request, NOW, take);
    pages.push(page.rows.map((s) => s.id));
    if (!page.next || pages.length > 500) return { pages, last: page };
    request = { after: decodeCursor(page.next, SESSION_LIST_KEY) };
  }
}

let groupId = "";
let partnerId = "";

beforeAll(async () => {
  // 20 weekly sessions of one commitment plus 6 monthly of another, ties on the due date between them
  const mouId = await createActiveMouWithCoaching(db, {
    partnerSlug: PARTNER,
    groupSlug: GROUP,
    coaching: [
      { topic: "Higiene dapur", sessionsCount: 20, frequency: "WEEKLY", firstDueDate: "2027-01-06", hoursPerSession: 2 },
      { topic: "Tata boga", sessionsCount: 6, frequency: "MONTHLY", firstDueDate: "2027-01-06", hoursPerSession: 2 },
    ],
  });
  const sessions = await db.coachingSession.findMany({ where: { commitment: { mouId } }, orderBy: [{ dueDate: "asc" }, { sequence: "asc" }] });
  expect(sessions.length).toBe(26);
  groupId = sessions[0]!.groupId;
  partnerId = sessions[0]!.partnerId;
  // every phase at NOW: delivered, missed, cancelled, overdue (DUE before today), to confirm (time passed), upcoming
  const plan: { status: "DELIVERED" | "MISSED" | "CANCELLED" | "SCHEDULED" | "RESCHEDULED"; scheduledAt?: Date }[] = [
    { status: "DELIVERED", scheduledAt: new Date("2027-01-06T02:00:00Z") },
    { status: "MISSED" },
    { status: "CANCELLED" },
    { status: "SCHEDULED", scheduledAt: new Date("2027-03-09T02:00:00Z") }, // to confirm
    { status: "RESCHEDULED", scheduledAt: new Date("2027-03-10T04:59:00Z") }, // to confirm (a minute ago)
    { status: "SCHEDULED", scheduledAt: new Date("2027-03-10T05:01:00Z") }, // upcoming (in a minute)
  ];
  for (const [i, p] of plan.entries()) {
    for (const s of sessions.filter((_, j) => j % plan.length === i).slice(0, 3)) {
      await db.coachingSession.update({ where: { id: s.id }, data: { status: p.status, scheduledAt: p.scheduledAt ?? null } });
    }
  }
});

describe("coaching lists: keyset pages with the filter in the query", () => {
  it("every filter of the group's and the partner's list: each matching session once, in (dueDate, sequence, id) order, across pages", async () => {
    for (const scope of [{ groupId }, { partnerId }] as SessionScope[]) {
      const all = await everySession(scope);
      for (const show of SESSION_SHOWS) {
        const expected = all.filter((s) => shownBy(show, s)).map((s) => s.id);
        expect(expected.length, `${JSON.stringify(scope)} ${show}`).toBeGreaterThan(0);
        const { pages } = await walk(scope, show, 4);
        expect(pages.flat(), `${JSON.stringify(scope)} ${show}`).toEqual(expected);
        expect(pages.length).toBe(Math.max(1, Math.ceil(expected.length / 4)));
      }
    }
  });

  it("each row carries the phase the page shows; the way back (previous) gives the same pages", async () => {
    const forward = await walk({ groupId }, "all", 5);
    let cursor = forward.last.previous;
    for (let i = forward.pages.length - 2; i >= 0; i--) {
      const page = await listSessionPage({ groupId }, "all", { before: decodeCursor(cursor, SESSION_LIST_KEY) }, NOW, 5);
      expect(page.rows.map((s) => s.id)).toEqual(forward.pages[i]);
      cursor = page.previous;
    }
    expect(cursor).toBeNull();
    const toConfirm = await listSessionPage({ groupId }, "toConfirm", {}, NOW, 100);
    expect(toConfirm.rows.length).toBeGreaterThanOrEqual(6);
    expect(toConfirm.rows.every((s) => s.phase === "toConfirm")).toBe(true);
    const open = await listSessionPage({ partnerId }, "open", {}, NOW, 1000);
    expect(new Set(open.rows.map((s) => s.phase))).toEqual(new Set(["upcoming", "toConfirm", "overdue"]));
  });

  it("the counts are SQL aggregates equal to the summary over every row, at several instants", async () => {
    for (const scope of [{ groupId }, { partnerId }] as SessionScope[]) {
      const all = await everySession(scope);
      // 16:59:59 and 17:00 UTC straddle midnight WIB: a due day ends there
      for (const now of [NOW, new Date("2027-02-02T16:59:59Z"), new Date("2027-02-02T17:00:00Z"), new Date("2026-12-01T00:00:00Z"), new Date("2028-01-01T00:00:00Z")]) {
        expect(await coachingSummaryFor(scope, now), `${JSON.stringify(scope)} ${now.toISOString()}`).toEqual(summarize(all, now));
      }
    }
    const summary = await coachingSummaryFor({ groupId }, NOW);
    expect(summary.overdue).toBeGreaterThan(0);
    expect(summary.toConfirm).toBeGreaterThan(0);
  });

  it("a session added between two page loads shifts nothing on the next page", async () => {
    const first = await listSessionPage({ groupId }, "all", {}, NOW, 3);
    const cursor = decodeCursor(first.next, SESSION_LIST_KEY);
    const before = await listSessionPage({ groupId }, "all", { after: cursor }, NOW, 3);
    const template = await db.coachingSession.findFirstOrThrow({ where: { groupId } });
    const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = template;
    const added = await db.coachingSession.create({ data: { ...rest, sequence: 0, dueDate: new Date("2020-01-01T00:00:00Z"), status: "DUE", scheduledAt: null } });
    try {
      const after = await listSessionPage({ groupId }, "all", { after: cursor }, NOW, 3);
      expect(after.rows.map((s) => s.id)).toEqual(before.rows.map((s) => s.id));
      expect((await listSessionPage({ groupId }, "all", {}, NOW, 3)).rows[0]!.id).toBe(added.id);
    } finally {
      await db.coachingSession.delete({ where: { id: added.id } });
    }
  });

  it("a cursor from another group's or partner's list shows nothing of theirs", async () => {
    const mine = new Set((await everySession({ groupId })).map((s) => s.id));
    const others = await db.coachingSession.findMany({ where: { groupId: { not: groupId } }, take: 5 });
    expect(others.length).toBeGreaterThan(0);
    for (const other of others) {
      const cursor = decodeCursor(encodeCursor([other.dueDate, other.sequence, other.id]), SESSION_LIST_KEY);
      for (const request of [{ after: cursor }, { before: cursor }]) {
        const page = await listSessionPage({ groupId }, "all", request, NOW, 100);
        expect(page.rows.every((s) => mine.has(s.id))).toBe(true);
      }
    }
    const partnerRows = new Set((await everySession({ partnerId })).map((s) => s.id));
    const foreign = await db.coachingSession.findFirstOrThrow({ where: { partnerId: { not: partnerId } } });
    const page = await listSessionPage({ partnerId }, "all", { after: decodeCursor(encodeCursor([foreign.dueDate, foreign.sequence, foreign.id]), SESSION_LIST_KEY) }, NOW, 1000);
    expect(page.rows.every((s) => partnerRows.has(s.id))).toBe(true);
  });

  it("the pages: a malformed or tampered cursor is the first page, never an error; ?show= filters; the two group lists page apart", async () => {
    const bad = ["%%%", "eyJ9", encodeCursor(["soon", 1, "x"]), encodeCursor([0, 1.5, "x"]), encodeCursor([0, 1]), "A".repeat(3000)];
    const partnerCookie = await cookieFor("mitra@bermitra.id");
    const partnerPage = async (query: string) => (await partnerCoachingLoader({ request: getRequest(`/partner/coaching${query}`, partnerCookie), params: {}, context: {} })).json();
    const first = await partnerPage("?show=all");
    expect(first.sessions.length).toBe(25);
    expect(first.page.next).not.toBeNull();
    expect(first.page.previous).toBeNull();
    for (const b of bad) {
      const data = await partnerPage(`?show=all&after=${encodeURIComponent(b)}&before=${encodeURIComponent(b)}`);
      expect(data.sessions.map((s: { id: string }) => s.id)).toEqual(first.sessions.map((s: { id: string }) => s.id));
    }
    const second = await partnerPage(`?show=all&after=${first.page.next}`);
    expect(second.sessions[0].id).not.toBe(first.sessions[0].id);
    const delivered = await partnerPage("?show=delivered");
    expect(delivered.filter).toBe("delivered");
    expect(delivered.sessions.every((s: { status: string }) => s.status === "DELIVERED")).toBe(true);
    expect((await partnerPage("?show=nonsense")).filter).toBe("open");

    const chairCookie = await cookieFor("kelompok@bermitra.id");
    const group = await db.group.findUniqueOrThrow({ where: { slug: GROUP } });
    const groupPage = async (query: string) =>
      (await groupCoachingLoader({ request: getRequest(`/groups/${group.id}/coaching${query}`, chairCookie), params: { groupId: group.id }, context: {} })).json();
    const home = await groupPage("");
    expect(home.toConfirm.every((s: { phase: string }) => s.phase === "toConfirm")).toBe(true);
    expect(home.others.some((s: { phase: string }) => s.phase === "toConfirm")).toBe(false);
    for (const b of bad) {
      const data = await groupPage(`?after=${encodeURIComponent(b)}&confirmAfter=${encodeURIComponent(b)}`);
      expect(data.others.map((s: { id: string }) => s.id)).toEqual(home.others.map((s: { id: string }) => s.id));
      expect(data.toConfirm.map((s: { id: string }) => s.id)).toEqual(home.toConfirm.map((s: { id: string }) => s.id));
    }
    // the main list's cursor moves the main list only
    const next = await groupPage(`?after=${home.page.next}`);
    expect(next.toConfirm.map((s: { id: string }) => s.id)).toEqual(home.toConfirm.map((s: { id: string }) => s.id));
    expect(next.others[0].id).not.toBe(home.others[0].id);
  });
});

/** Partner performance the way it was computed before decision 122: every session loaded and counted in JavaScript. */
async function performanceOracle(dinasOfficeId: string | null, now: Date) {
  const sessions = await db.coachingSession.findMany({
    where: dinasOfficeId ? { partner: { dinasOfficeId } } : {},
    select: { partnerId: true, status: true, dueDate: true, rating: true, group: { select: { dinasOffice: { select: { timeZone: true } } } } },
  });
  const rows = new Map<string, { promised: number; dueSoFar: number; delivered: number; missed: number; cancelled: number; ratings: number[] }>();
  for (const s of sessions) {
    const r = rows.get(s.partnerId) ?? { promised: 0, dueSoFar: 0, delivered: 0, missed: 0, cancelled: 0, ratings: [] };
    rows.set(s.partnerId, r);
    r.promised++;
    if (s.status === "DELIVERED") r.delivered++;
    if (s.status === "MISSED") r.missed++;
    if (s.status === "CANCELLED") r.cancelled++;
    if (s.status === "DELIVERED" || endOfDay(s.dueDate, zoneOf(s.group.dinasOffice)).getTime() <= now.getTime()) r.dueSoFar++;
    if (s.rating) r.ratings.push(s.rating);
  }
  return new Map(
    [...rows].map(([partnerId, r]) => {
      const rate = r.dueSoFar ? r.delivered / r.dueSoFar : null;
      const averageRating = r.ratings.length ? Math.round((r.ratings.reduce((a, b) => a + b, 0) / r.ratings.length) * 10) / 10 : null;
      return [partnerId, { promised: r.promised, dueSoFar: r.dueSoFar, delivered: r.delivered, missed: r.missed, cancelled: r.cancelled, averageRating, deliveryRate: rate === null ? null : Math.round(rate * 100), passive: r.dueSoFar > 0 && (rate ?? 0) < 0.5 }];
    }),
  );
}

const figures = (r: { promised: number; dueSoFar: number; delivered: number; missed: number; cancelled: number; averageRating: number | null; deliveryRate: number | null; passive: boolean }) => ({
  promised: r.promised,
  dueSoFar: r.dueSoFar,
  delivered: r.delivered,
  missed: r.missed,
  cancelled: r.cancelled,
  averageRating: r.averageRating,
  deliveryRate: r.deliveryRate,
  passive: r.passive,
});

describe("partner performance: SQL aggregates, the table paged by partner name", () => {
  beforeAll(async () => {
    // ratings that average to a fraction, so the rounding is exercised
    const delivered = await db.coachingSession.findMany({ where: { partnerId, status: "DELIVERED" }, take: 3 });
    for (const [i, s] of delivered.entries()) await db.coachingSession.update({ where: { id: s.id }, data: { rating: [5, 4, 4][i] } });
  });

  it("every partner's figures equal the count over every session, for each office and all, at several instants", async () => {
    const offices = (await db.dinasOffice.findMany({ select: { id: true } })).map((o) => o.id);
    for (const office of [null, ...offices]) {
      for (const now of [NOW, new Date("2027-02-02T16:59:59Z"), new Date("2027-02-02T17:00:00Z"), new Date("2026-11-17T03:00:00Z")]) {
        const oracle = await performanceOracle(office, now);
        const rows = await partnerPerformance(office, now);
        expect(rows.map((r) => r.partnerId).sort(), `${office} ${now.toISOString()}`).toEqual([...oracle.keys()].sort());
        for (const r of rows) expect(figures(r), `${r.name} ${now.toISOString()}`).toEqual(oracle.get(r.partnerId));
        // passive partners first, then by name
        const passiveFirst = [...rows].sort((a, b) => Number(b.passive) - Number(a.passive) || a.name.localeCompare(b.name));
        expect(rows.map((r) => r.partnerId)).toEqual(passiveFirst.map((r) => r.partnerId));
      }
    }
    const ours = (await partnerPerformance(null, NOW)).find((r) => r.partnerId === partnerId)!;
    expect(ours.averageRating).not.toBeNull();
  });

  it("the table: each partner with sessions once, by name, across pages, with the same figures; previous walks back", async () => {
    for (const office of [null, (await db.dinasOffice.findFirstOrThrow({ where: { partners: { some: { id: partnerId } } } })).id]) {
      const all = await partnerPerformance(office, NOW);
      const whole = (await partnerPerformancePage(office, {}, NOW, 1000)).rows;
      expect(whole.map((r) => r.partnerId).sort()).toEqual(all.map((r) => r.partnerId).sort());
      const ids: string[][] = [];
      let request: PageRequest = {};
      let last = await partnerPerformancePage(office, request, NOW, 2);
      for (;;) {
        ids.push(last.rows.map((r) => r.partnerId));
        for (const r of last.rows) expect(figures(r)).toEqual(figures(all.find((a) => a.partnerId === r.partnerId)!));
        if (!last.next || ids.length > 100) break;
        request = { after: decodeCursor(last.next, PERFORMANCE_KEY) };
        last = await partnerPerformancePage(office, request, NOW, 2);
      }
      expect(ids.flat()).toEqual(whole.map((r) => r.partnerId));
      expect(ids.length).toBe(Math.max(1, Math.ceil(whole.length / 2)));
      let cursor = last.previous;
      for (let i = ids.length - 2; i >= 0; i--) {
        const page = await partnerPerformancePage(office, { before: decodeCursor(cursor, PERFORMANCE_KEY) }, NOW, 2);
        expect(page.rows.map((r) => r.partnerId)).toEqual(ids[i]);
        cursor = page.previous;
      }
      expect(cursor).toBeNull();
    }
  });

  it("a cursor from another office's table shows nothing of theirs; the page ignores a malformed cursor and lists every passive partner", async () => {
    const batu = await db.dinasOffice.findFirstOrThrow({ where: { partners: { some: { id: partnerId } } } });
    const mine = new Set((await partnerPerformance(batu.id, NOW)).map((r) => r.partnerId));
    const foreign = await db.partner.findMany({ where: { dinasOfficeId: { not: batu.id }, coachingSessions: { some: {} } }, take: 3 });
    expect(foreign.length).toBeGreaterThan(0);
    for (const p of foreign) {
      const cursor = decodeCursor(encodeCursor([p.displayName, p.id]), PERFORMANCE_KEY);
      for (const request of [{ after: cursor }, { before: cursor }]) {
        const page = await partnerPerformancePage(batu.id, request, NOW, 100);
        expect(page.rows.every((r) => mine.has(r.partnerId))).toBe(true);
      }
    }
    const cookie = await cookieFor("dinas@bermitra.id");
    const get = async (query: string) => (await dinasCoachingLoader({ request: getRequest(`/dinas/coaching${query}`, cookie), params: {}, context: {} })).json();
    const first = await get("");
    expect(first.partners.length).toBeGreaterThan(0);
    expect(first.page.previous).toBeNull();
    for (const bad of ["%%%", "eyJ9", encodeCursor([1, "x"]), encodeCursor(["x"]), "A".repeat(3000)]) {
      const data = await get(`?after=${encodeURIComponent(bad)}&before=${encodeURIComponent(bad)}`);
      expect(data.partners.map((r: { partnerId: string }) => r.partnerId)).toEqual(first.partners.map((r: { partnerId: string }) => r.partnerId));
    }
    // the page reads the (pinned) clock itself; the passive list covers every partner of the office, not one page
    const office = (await db.user.findUniqueOrThrow({ where: { email: "dinas@bermitra.id" } })).dinasOfficeId;
    const passive = (await partnerPerformance(office, new Date())).filter((r) => r.passive);
    expect(first.passive).toEqual(passive.map((r) => r.name));
  });
});

describe("partner evidence page: its session and invoice lists page by key", () => {
  async function scopeOf(email: string) {
    const u = await db.user.findUniqueOrThrow({ where: { email } });
    return resolveScope({ role: u.role, dinasOfficeId: u.dinasOfficeId }, { from: "2026-01-01", to: "2027-12-31" }, NOW);
  }

  it("each session and invoice of the window once, in (due, id) order, across pages; the same rows as the evidence", async () => {
    const scope = await scopeOf("dinas@bermitra.id");
    const invoiced = await db.invoice.groupBy({ by: ["partnerId"], where: { partner: scope.partnerWhere }, _count: { _all: true }, orderBy: { _count: { partnerId: "desc" } }, take: 1 });
    for (const id of [partnerId, invoiced[0]!.partnerId]) {
      const evidence = await partnerEvidence(scope, id);
      const walks = [
        { key: EVIDENCE_SESSION_KEY, fetch: (r: PageRequest) => evidenceSessionPage(scope, id, r, 3), expected: [...evidence.sessions].sort((a, b) => a.dueDate.getTime() - b.dueDate.getTime() || (a.id < b.id ? -1 : 1)).map((x) => x.id) },
        { key: EVIDENCE_INVOICE_KEY, fetch: (r: PageRequest) => evidenceInvoicePage(scope, id, r, 3), expected: [...evidence.invoices].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.id < b.id ? -1 : 1)).map((x) => x.id) },
      ];
      for (const w of walks) {
        const pages: string[][] = [];
        let page = await w.fetch({});
        for (;;) {
          pages.push(page.rows.map((r) => r.id));
          if (!page.next || pages.length > 200) break;
          page = await w.fetch({ after: decodeCursor(page.next, w.key) });
        }
        expect(pages.flat()).toEqual(w.expected);
        expect(pages.length).toBe(Math.max(1, Math.ceil(w.expected.length / 3)));
      }
    }
    expect((await evidenceSessionPage(scope, partnerId, {}, 1000)).rows.length).toBeGreaterThan(25);
  });

  it("another office's partner lists nothing; a cursor of another partner's row shows none of its rows; malformed cursors give the first page", async () => {
    const malang = await scopeOf("dinas.malang@bermitra.id");
    expect((await evidenceSessionPage(malang, partnerId, {}, 100)).rows).toEqual([]);
    expect((await evidenceInvoicePage(malang, partnerId, {}, 100)).rows).toEqual([]);
    const scope = await scopeOf("dinas@bermitra.id");
    const mine = new Set((await evidenceSessionPage(scope, partnerId, {}, 1000)).rows.map((r) => r.id));
    const other = await db.coachingSession.findFirstOrThrow({ where: { partnerId: { not: partnerId } } });
    for (const request of [{ after: decodeCursor(encodeCursor([other.dueDate, other.id]), EVIDENCE_SESSION_KEY) }, { before: decodeCursor(encodeCursor([other.dueDate, other.id]), EVIDENCE_SESSION_KEY) }]) {
      expect((await evidenceSessionPage(scope, partnerId, request, 1000)).rows.every((r) => mine.has(r.id))).toBe(true);
    }
    const cookie = await cookieFor("dinas@bermitra.id");
    const get = async (query: string) =>
      (await evidenceLoader({ request: getRequest(`/dinas/partners/${partnerId}?from=2026-01-01&to=2027-12-31${query}`, cookie), params: { partnerId }, context: {} })).json();
    const first = await get("");
    expect(first.e.sessions.length).toBe(25);
    expect(first.sessionPage.next).not.toBeNull();
    for (const bad of ["%%%", "eyJ9", encodeCursor(["soon", "x"]), encodeCursor([0]), "A".repeat(3000)]) {
      const data = await get(`&after=${encodeURIComponent(bad)}&invoicesBefore=${encodeURIComponent(bad)}`);
      expect(data.e.sessions.map((r: { id: string }) => r.id)).toEqual(first.e.sessions.map((r: { id: string }) => r.id));
      expect(data.e.invoices.map((r: { id: string }) => r.id)).toEqual(first.e.invoices.map((r: { id: string }) => r.id));
    }
    const second = await get(`&after=${first.sessionPage.next}`);
    expect(second.e.sessions[0].id).not.toBe(first.e.sessions[0].id);
    expect(second.e.invoices.map((r: { id: string }) => r.id)).toEqual(first.e.invoices.map((r: { id: string }) => r.id));
  });
});
