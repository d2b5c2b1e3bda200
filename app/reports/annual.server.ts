import { db } from "~/db/db.server";
import { dayKey } from "~/time/calendar";
import { officeTimeZone } from "~/time/office-zone.server";
import { officesOf, resolveScope, type MonitoringViewer } from "~/monitoring/scope.server";
import { loadOverview, overviewSummary, revenueByGroup } from "~/monitoring/overview.server";
import { partnerRanking } from "~/monitoring/partners.server";
import { DomainError } from "~/domain/errors";
import { aidReturns } from "~/aid/aid.server";
import { followUpsBetween, loadWarnings, openCounts } from "~/monitoring/warnings.server";
import { WARNING_RULES } from "~/monitoring/warnings";

/**
 * The annual report (LAKIP annex) of a Dinas office for one calendar year: the same figures as the
 * monitoring pages, read through the same scope (office or, for the province, its cities), for
 * 1 January – 31 December of the year (or up to now for the running year). Decision 089.
 */
export const FIRST_REPORT_YEAR = 2015;

/** The years a report can be made for, up to the running year in the viewer's office zone. */
export function reportYears(now: Date, zone: string): number[] {
  const current = Number(dayKey(now, zone).slice(0, 4));
  const years: number[] = [];
  for (let y = current; y >= FIRST_REPORT_YEAR; y--) years.push(y);
  return years;
}

/** What the report page offers: the years, and the offices (more than one for the province). */
export async function annualReportOptions(viewer: MonitoringViewer, now = new Date()) {
  const officeIds = await officesOf(viewer);
  const offices = await db.dinasOffice.findMany({ where: { id: { in: officeIds } }, select: { id: true, name: true }, orderBy: { name: "asc" } });
  return { years: reportYears(now, await officeTimeZone(db, viewer.dinasOfficeId)), offices };
}

export async function loadAnnualReport(viewer: MonitoringViewer, year: number, now = new Date(), officeId?: string | null) {
  if (!reportYears(now, await officeTimeZone(db, viewer.dinasOfficeId)).includes(year)) throw new DomainError("reports:annual.errors.year", {}, "year");
  const scope = await resolveScope(viewer, { from: `${year}-01-01`, to: `${year}-12-31`, officeId: officeId ?? undefined }, now);
  const yearStart = scope.filters.from;
  const yearEnd = scope.filters.toExclusive.getTime() < now.getTime() ? scope.filters.toExclusive : now;
  const [data, ranking, aid, followUps, warningsNow] = await Promise.all([
    loadOverview(scope),
    partnerRanking(scope, { trendFor: () => [] }),
    aidReturns(scope),
    followUpsBetween(scope, yearStart, yearEnd),
    loadWarnings(scope),
  ]);
  const open = openCounts(warningsNow);
  const warnings = {
    byRule: WARNING_RULES.map((rule) => ({ rule, followedUp: followUps.filter((f) => f.rule === rule).length, openNow: open[rule] })),
    followUps,
  };
  // groups' revenue: confirmed payments of the year, per group (by name, as printed)
  const byGroup = new Map<string, { group: string; amount: number; payments: number }>();
  for (const g of await revenueByGroup(scope)) {
    const row = byGroup.get(g.name) ?? { group: g.name, amount: 0, payments: 0 };
    row.amount += g.amount;
    row.payments += g.payments;
    byGroup.set(row.group, row);
  }
  const groupRevenue = [...byGroup.values()].sort((a, b) => b.amount - a.amount || a.group.localeCompare(b.group));
  const reportsFiled = data.indicators.accountability.reports.count;
  return {
    year,
    offices: scope.offices.filter((o) => scope.officeIds.includes(o.id)),
    overview: overviewSummary(data),
    ranking,
    groupRevenue,
    coaching: { ...overviewSummary(data).coaching, reportsFiled },
    /** aid received per group against the revenue it earned since its first aid (the /dinas/aid figures) */
    aid,
    /** warnings followed up during the year, and the warnings still open when the report is made */
    warnings,
    generatedAt: now,
    /** the zone the year's days and the report's dates are counted in (the scope's) */
    zone: scope.zone,
  };
}

export type AnnualReport = Awaited<ReturnType<typeof loadAnnualReport>>;
