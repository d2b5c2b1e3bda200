import { db } from "~/db/db.server";
import { portablePlaceholders } from "~/db/raw-sql";
import { componentCounts, partnerRanking, partnerRankingFromRecords, rankingPage } from "~/monitoring/partners.server";
import { rebuildMonitoringRollups, refreshMonitoringRollups } from "~/monitoring/rollup.server";
import { resolveScope, type MonitoringViewer } from "~/monitoring/scope.server";
import { loader as rankingLoader } from "~/routes/dinas.partners._index";
import { cookieFor, getRequest } from "../helpers/requests";

/**
 * The partner-month rollup of the enthusiasm index (decision 141): settled months are read from it, every other
 * day live, and the ranking is the one `enthusiasm` gives over every record, whatever is marked dirty.
 */
const NOW = new Date("2026-11-17T03:00:00.000Z");

async function batuViewer(): Promise<MonitoringViewer> {
  const user = await db.user.findUniqueOrThrow({ where: { email: "dinas@bermitra.id" } });
  return { role: user.role, dinasOfficeId: user.dinasOfficeId };
}

const dirtyDays = async () => (await db.$queryRawUnsafe<{ day: string }[]>(`SELECT "day" FROM "MonitoringDirtyDay" ORDER BY "day"`)).map((r) => r.day);
const windows = [{}, { from: "2025-01-01", to: "2026-11-17" }, { from: "2026-03-01", to: "2026-10-31", sector: "HOTEL" as const }, { from: "2026-02-10", to: "2026-09-20" }];

/** Each partner's counts summed over its months (the trend's zero counts left out: a sum has none). */
function summed(byPartner: Awaited<ReturnType<typeof componentCounts>>) {
  const out = new Map<string, Record<string, number>>();
  for (const [partner, months] of byPartner) {
    const total: Record<string, number> = {};
    for (const counts of months.values()) for (const [k, v] of Object.entries(counts)) if (!k.endsWith("ZeroMonth")) total[k] = (total[k] ?? 0) + v;
    out.set(partner, total);
  }
  return out;
}

async function expectRollupEqualsLive(viewer: MonitoringViewer) {
  for (const w of windows) {
    const scope = await resolveScope(viewer, w, NOW);
    const live = await componentCounts(scope, undefined, { rollup: false });
    expect(await componentCounts(scope), JSON.stringify(w)).toEqual(live);
    // the window's sums (quarter rows where a whole quarter is settled, month rows, live days) are the live sums
    expect(summed(await componentCounts(scope, undefined, { perMonth: false })), JSON.stringify(w)).toEqual(summed(live));
    expect(await partnerRanking(scope)).toEqual(await partnerRankingFromRecords(scope));
  }
}

/** A settled month of the seed with sessions and invoices of the hotel in it (every deadline over at NOW). */
async function hotelMonth() {
  const hotel = await db.partner.findFirstOrThrow({ where: { displayName: "Hotel Taman Sari Batu" } });
  const rows = await db.$queryRawUnsafe<{ month: string; sessionsOnTime: number; invoicesOnTime: number }[]>(
    portablePlaceholders(`SELECT "month", "sessionsOnTime", "invoicesOnTime" FROM "PartnerMonthly" WHERE "partnerId" = ? AND "month" < '2026-10' ORDER BY "sessionsOnTime" + "invoicesOnTime" DESC LIMIT 1`),
    hotel.id,
  );
  return { hotel, month: rows[0]! };
}

describe("partner-month rollup", () => {
  it("is filled by the seed and gives the counts and the ranking of the records", async () => {
    expect(await dirtyDays()).toEqual([]);
    const n = Number((await db.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT COUNT(*) AS "n" FROM "PartnerMonthly"`))[0]!.n);
    expect(n).toBeGreaterThan(10);
    // every quarter row is the sum of its three month rows
    const mismatched = await db.$queryRawUnsafe<{ n: number | bigint }[]>(
      `SELECT COUNT(*) AS "n" FROM "PartnerQuarterly" q WHERE q."sessionsOnTime" + 10 * q."invoicesOpen" <> (SELECT COALESCE(SUM(m."sessionsOnTime" + 10 * m."invoicesOpen"), 0) FROM "PartnerMonthly" m
        WHERE m."partnerId" = q."partnerId" AND substr(m."month", 1, 4) = substr(q."quarter", 1, 4) AND (CAST(substr(m."month", 6, 2) AS INTEGER) + 2) / 3 = CAST(substr(q."quarter", 7, 1) AS INTEGER))`,
    );
    expect(Number(mismatched[0]!.n)).toBe(0);
    expect(Number((await db.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT COUNT(*) AS "n" FROM "PartnerQuarterly"`))[0]!.n)).toBeGreaterThan(5);
    await expectRollupEqualsLive(await batuViewer());
  });

  it("ranks from the window's sums with the trend of the chosen partners only, the same figures as the full ranking", async () => {
    for (const w of windows) {
      const scope = await resolveScope(await batuViewer(), w, NOW);
      const full = await partnerRanking(scope);
      const chosen = full.filter((_, i) => i % 2 === 0).map((r) => r.partnerId);
      const partial = await partnerRanking(scope, { trendFor: (ranked) => ranked.filter((_, i) => i % 2 === 0).map((r) => r.partnerId) });
      expect(partial.map((r) => ({ ...r, trend: [] }))).toEqual(full.map((r) => ({ ...r, trend: [] })));
      for (const r of partial) expect(r.trend).toEqual(chosen.includes(r.partnerId) ? full.find((f) => f.partnerId === r.partnerId)!.trend : []);
      expect(partial.some((r) => r.trend.some((p) => p.index !== null))).toBe(true);
    }
  });

  it("is what the ranking reads for settled months (a wrong row shows), and a rebuild puts it right", async () => {
    const viewer = await batuViewer();
    const { hotel, month } = await hotelMonth();
    expect(Number(month.sessionsOnTime) + Number(month.invoicesOnTime)).toBeGreaterThan(0);
    const scope = await resolveScope(viewer, { from: "2025-01-01", to: "2026-11-17" }, NOW);
    const live = await componentCounts(scope, hotel.id, { rollup: false });
    // written behind the job's back (no trigger on the rollup itself): the ranking shows the rollup's row
    await db.$executeRawUnsafe(portablePlaceholders(`UPDATE "PartnerMonthly" SET "sessionsOnTime" = "sessionsOnTime" + 100 WHERE "partnerId" = ? AND "month" = ?`), hotel.id, month.month);
    const read = await componentCounts(scope, hotel.id);
    expect(read.get(hotel.id)!.get(month.month)!.sessionsOnTime).toBe(live.get(hotel.id)!.get(month.month)!.sessionsOnTime + 100);
    // a window that ends inside the month's grace days reads the month live
    const [y, m] = month.month.split("-").map(Number) as [number, number];
    const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const unsettled = await resolveScope(viewer, { from: `${month.month}-01`, to: `${month.month}-${String(lastDay).padStart(2, "0")}` }, new Date(Date.UTC(y, m, 3)));
    expect(await componentCounts(unsettled, hotel.id)).toEqual(await componentCounts(unsettled, hotel.id, { rollup: false }));
    await rebuildMonitoringRollups(db);
    expect(await componentCounts(scope, hotel.id)).toEqual(live);
  });

  it("marks a session's rating and an invoice's payment dirty (triggers), reads those days live at once, and the job folds them in", async () => {
    const viewer = await batuViewer();
    const { hotel, month } = await hotelMonth();
    const inMonth = { gte: new Date(`${month.month}-02T00:00:00Z`), lt: new Date(`${month.month}-27T00:00:00Z`) };
    const session = await db.coachingSession.findFirst({ where: { partnerId: hotel.id, status: "DELIVERED", dueDate: inMonth }, orderBy: { id: "asc" } });
    const invoice = await db.invoice.findFirst({ where: { partnerId: hotel.id, status: { not: "VOID" }, dueAt: inMonth }, orderBy: { id: "asc" } });
    expect(session ?? invoice).toBeTruthy();
    if (session) await db.coachingSession.update({ where: { id: session.id }, data: { rating: session.rating === 1 ? 5 : 1, scheduledAt: new Date(session.dueDate.getTime() + 30 * 86_400_000) } });
    if (invoice) await db.invoice.update({ where: { id: invoice.id }, data: invoice.paidAt ? { paidAt: null, status: "ISSUED" } : { paidAt: invoice.dueAt, status: "PAID" } });
    // an open session due on the month's 28th: its deadline (7 days of grace) is in the next month, so the month's
    // trend does not count it as missed, the window does (the rollup's "spill")
    const open = await db.coachingSession.findFirstOrThrow({ where: { partnerId: hotel.id, status: { not: "CANCELLED" }, id: { not: session?.id ?? "" } }, orderBy: { id: "desc" } });
    await db.coachingSession.update({ where: { id: open.id }, data: { status: "DUE", scheduledAt: null, confirmedAt: null, rating: null, dueDate: new Date(`${month.month}-28T03:00:00Z`) } });
    expect((await dirtyDays()).length).toBeGreaterThan(0);
    await expectRollupEqualsLive(viewer);
    const refreshed = await refreshMonitoringRollups(db);
    expect(refreshed.partnerMonthRows).toBeGreaterThan(0);
    expect(await dirtyDays()).toEqual([]);
    const spill = await db.$queryRawUnsafe<{ n: number | bigint }[]>(portablePlaceholders(`SELECT "sessionsOpenSpill" AS "n" FROM "PartnerMonthly" WHERE "partnerId" = ? AND "month" = ?`), hotel.id, month.month);
    expect(Number(spill[0]!.n)).toBeGreaterThan(0);
    await expectRollupEqualsLive(viewer);
  });
});

describe("the ranking page", () => {
  const rows = Array.from({ length: 120 }, (_, i) => ({ partnerId: `p${i}`, name: i % 10 === 0 ? `Hotel Batu ${i}` : `Toko ${i}`, rank: i + 1 })) as unknown as Parameters<typeof rankingPage>[0];

  it("pages 50 rows, keeps the global ranks, searches names and falls back on bad input", () => {
    const first = rankingPage(rows, new URLSearchParams());
    expect(first).toMatchObject({ total: 120, from: 1, to: 50, next: "2", previous: null });
    const third = rankingPage(rows, new URLSearchParams("page=3"));
    expect(third).toMatchObject({ from: 101, to: 120, next: null, previous: "2" });
    expect(third.rows[0]!.rank).toBe(101);
    expect(rankingPage(rows, new URLSearchParams("page=2")).previous).toBe("");
    // past the end: the last page; nonsense: the first
    expect(rankingPage(rows, new URLSearchParams("page=99")).from).toBe(101);
    expect(rankingPage(rows, new URLSearchParams("page=abc")).from).toBe(1);
    const hotels = rankingPage(rows, new URLSearchParams("q=  hotel  BATU "));
    expect(hotels.total).toBe(12);
    expect(hotels.rows.map((r) => r.rank)).toEqual(Array.from({ length: 12 }, (_, i) => i * 10 + 1));
    expect(rankingPage(rows, new URLSearchParams("q=nothing")).rows).toEqual([]);
  });

  it("shows one page of the office's ranking over HTTP, and finds a partner by name", async () => {
    const cookie = await cookieFor("dinas@bermitra.id");
    const all = (await (await rankingLoader({ request: getRequest("/dinas/partners", cookie), params: {}, context: {} })).json()) as { rows: { name: string; rank: number | null }[]; paging: { total: number } };
    expect(all.rows.length).toBe(Math.min(50, all.paging.total));
    const found = (await (await rankingLoader({ request: getRequest("/dinas/partners?q=panderman", cookie), params: {}, context: {} })).json()) as typeof all;
    expect(found.paging.total).toBe(1);
    expect(found.rows[0]!.name).toBe("Taman Rekreasi Gunung Panderman");
    expect(found.rows[0]!.rank).toBe(all.rows.find((r) => r.name === "Taman Rekreasi Gunung Panderman")?.rank ?? null);
  });
});
