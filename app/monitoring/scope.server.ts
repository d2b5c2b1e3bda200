import { db } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import type { GroupType, PartnerSector, Role } from "~/generated/prisma/enums";
import type { Prisma } from "~/generated/prisma/client";
import type { MonitoringFilterInput } from "./filters";
import { addDays as addCalendarDays, dayKey, startOfDay } from "~/time/calendar";
import { zoneOf } from "~/time/office-zone.server";

/**
 * Who looks at the monitoring pages. Structurally a subset of the auth Actor (role + office), so any
 * Actor can be passed; a plain object is enough in tests.
 */
export type MonitoringViewer = { role: Role; dinasOfficeId: string | null };

export type ResolvedFilters = {
  /** first instant of the period (00:00 of `fromKey` in the scope's zone) */
  from: Date;
  /** first instant after the period (00:00 of the day after `toKey` in the scope's zone) */
  toExclusive: Date;
  fromKey: string;
  toKey: string;
  kecamatanId: string | null;
  groupType: GroupType | null;
  sector: PartnerSector | null;
  officeId: string | null;
};

export type MonitoringScope = {
  officeIds: string[];
  /** the offices the viewer may choose from (one for a city Dinas, the cities for the province) */
  offices: { id: string; name: string; city: string }[];
  kecamatans: { id: string; name: string; dinasOfficeId: string }[];
  filters: ResolvedFilters;
  /** the groups counted: office + kecamatan + type */
  groupWhere: Prisma.GroupWhereInput;
  /** the partners counted: office + sector */
  partnerWhere: Prisma.PartnerWhereInput;
  now: Date;
  /**
   * The zone the period, "today", months and day windows are counted in (decision 123): the zone of the
   * offices counted when they share one (a city Dinas; the province with one city picked or all cities in
   * one zone), else the viewer's own office zone.
   */
  zone: string;
};

/**
 * The offices a viewer's figures are limited to: a city Dinas sees its own office only; a provincial
 * Dinas (role PROVINCE) the city offices that report to its office (decision 087). Anyone else is refused.
 */
export async function officesOf(viewer: MonitoringViewer): Promise<string[]> {
  if (viewer.role === "DINAS" && viewer.dinasOfficeId) return [viewer.dinasOfficeId];
  if (viewer.role === "PROVINCE" && viewer.dinasOfficeId) {
    const cities = await db.dinasOffice.findMany({ where: { parentOfficeId: viewer.dinasOfficeId }, select: { id: true }, orderBy: { name: "asc" } });
    return cities.map((c) => c.id);
  }
  throw new DomainError("errors:forbidden");
}

/**
 * Turns the (already zod-parsed) filter input into the scope every monitoring figure reads through.
 * A kecamatan or office from the query string is accepted only if it belongs to the viewer's offices.
 */
export async function resolveScope(viewer: MonitoringViewer, input: MonitoringFilterInput, now = new Date()): Promise<MonitoringScope> {
  const viewerOfficeIds = await officesOf(viewer);
  let officeIds = viewerOfficeIds;
  if (input.officeId) {
    if (!officeIds.includes(input.officeId)) throw new DomainError("monitoring:errors.unknownOffice", {}, "officeId");
    officeIds = [input.officeId];
  }
  const [offices, kecamatans] = await Promise.all([
    // every office the viewer may pick (the city filter of the province view), not only the picked one
    db.dinasOffice.findMany({ where: { id: { in: viewerOfficeIds } }, select: { id: true, name: true, city: true, timeZone: true }, orderBy: { name: "asc" } }),
    db.kecamatan.findMany({ where: { dinasOfficeId: { in: officeIds } }, select: { id: true, name: true, dinasOfficeId: true }, orderBy: { name: "asc" } }),
  ]);
  if (input.kecamatanId && !kecamatans.some((k) => k.id === input.kecamatanId)) {
    throw new DomainError("monitoring:errors.unknownKecamatan", {}, "kecamatanId");
  }
  const zone = await scopeZone(viewer, offices.filter((o) => officeIds.includes(o.id)));
  const todayKey = dayKey(now, zone);
  const fromKey = input.from ?? `${todayKey.slice(0, 4)}-01-01`;
  const toKey = input.to ?? todayKey;
  if (fromKey > toKey) throw new DomainError("validation:dateTooEarly", {}, "to");
  const filters: ResolvedFilters = {
    from: startOfDay(fromKey, zone),
    toExclusive: startOfDay(addCalendarDays(toKey, 1), zone),
    fromKey,
    toKey,
    kecamatanId: input.kecamatanId ?? null,
    groupType: input.groupType ?? null,
    sector: input.sector ?? null,
    officeId: input.officeId ?? null,
  };
  const groupWhere: Prisma.GroupWhereInput = {
    dinasOfficeId: { in: officeIds },
    ...(filters.kecamatanId ? { kecamatanId: filters.kecamatanId } : {}),
    ...(filters.groupType ? { type: filters.groupType } : {}),
  };
  const partnerWhere: Prisma.PartnerWhereInput = {
    dinasOfficeId: { in: officeIds },
    ...(filters.sector ? { sector: filters.sector } : {}),
  };
  return { officeIds, offices: offices.map(({ id, name, city }) => ({ id, name, city })), kecamatans, filters, groupWhere, partnerWhere, now, zone };
}

async function scopeZone(viewer: MonitoringViewer, counted: { timeZone: string }[]): Promise<string> {
  const zones = new Set(counted.map((o) => zoneOf(o)));
  if (zones.size === 1) return [...zones][0]!;
  const own = viewer.dinasOfficeId ? await db.dinasOffice.findUnique({ where: { id: viewer.dinasOfficeId }, select: { timeZone: true } }) : null;
  return zoneOf(own);
}

/** The instant the period's figures are read at: its end, or now if the period runs on. */
export function periodEnd(scope: MonitoringScope): Date {
  return scope.filters.toExclusive.getTime() < scope.now.getTime() ? scope.filters.toExclusive : scope.now;
}
