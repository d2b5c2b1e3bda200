import { db } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import type { MouContent } from "~/mou/content";
import { readMouContent } from "~/mou/stored-content";
import { enthusiasm, scheduleDays, type IndexResult, type PartnerEvidence } from "./enthusiasm";
import { monthsBetween } from "./overview.server";
import { periodEnd, type MonitoringScope } from "./scope.server";
import { addMonths, dayKey, daysBefore, startOfDay } from "~/time/calendar";

const LIVE = { notIn: ["CANCELLED", "DECLINED", "SKIPPED"] as ("CANCELLED" | "DECLINED" | "SKIPPED")[] };
export const PASSIVE_DAYS = 60;

type Loaded = {
  partners: { id: string; displayName: string; sector: string; dinasOfficeId: string }[];
  evidence: Map<string, PartnerEvidence>;
  /** records for the evidence page */
  detail: {
    sessions: { id: string; partnerId: string; topic: string; group: string; status: string; dueDate: Date; deliveredAt: Date | null; rating: number | null }[];
    mous: { id: string; partnerId: string; number: string; status: string; startDate: Date; endDate: Date; expected: number; ordered: number }[];
    invoices: { id: string; partnerId: string; number: string; orderId: string; group: string; dueAt: Date; paidAt: Date | null; status: string }[];
    responses: { id: string; partnerId: string; kind: "offer" | "question"; href: string; title: string; askedAt: Date; answeredAt: Date | null }[];
  };
  passive: Map<string, { since: Date; lastOrder: Date | null; lastCoaching: Date | null }>;
};

/** Loads the evidence of every partner in the scope, for the window [from, to). */
async function loadEvidence(scope: MonitoringScope, partnerId?: string): Promise<Loaded> {
  const from = scope.filters.from;
  const to = scope.filters.toExclusive;
  const end = periodEnd(scope);
  const partnerWhere = partnerId ? { ...scope.partnerWhere, id: partnerId } : scope.partnerWhere;
  const window = { gte: from, lt: to };
  const [partners, sessions, mous, invoices, offers, messages] = await Promise.all([
    db.partner.findMany({ where: { ...partnerWhere, verificationStatus: "VERIFIED" }, select: { id: true, displayName: true, sector: true, dinasOfficeId: true }, orderBy: { displayName: "asc" } }),
    db.coachingSession.findMany({
      where: { partner: partnerWhere, dueDate: window },
      select: { id: true, partnerId: true, topic: true, status: true, dueDate: true, scheduledAt: true, confirmedAt: true, rating: true, group: { select: { name: true } } },
      orderBy: { dueDate: "asc" },
    }),
    db.mou.findMany({
      where: { partner: partnerWhere, status: { in: ["ACTIVE", "EXPIRED", "TERMINATED"] }, startDate: { lt: to }, endDate: { gte: from } },
      select: { id: true, partnerId: true, number: true, status: true, startDate: true, endDate: true, activeVersionId: true, currentVersionId: true },
    }),
    db.invoice.findMany({
      where: { partner: partnerWhere, dueAt: window },
      select: { id: true, partnerId: true, number: true, orderId: true, dueAt: true, paidAt: true, status: true, group: { select: { name: true } } },
      orderBy: { dueAt: "asc" },
    }),
    db.offer.findMany({
      where: { demand: { partner: partnerWhere }, createdAt: window },
      select: { id: true, createdAt: true, updatedAt: true, status: true, demand: { select: { id: true, title: true, partnerId: true } }, group: { select: { name: true } } },
    }),
    db.demandMessage.findMany({
      where: { demand: { partner: partnerWhere }, createdAt: window },
      select: { id: true, demandId: true, groupId: true, authorId: true, createdAt: true, demand: { select: { partnerId: true, title: true } } },
      orderBy: { createdAt: "asc" },
    }),
  ]);
  const versionIds = mous.map((m) => m.activeVersionId ?? m.currentVersionId).filter((v): v is string => !!v);
  const [versions, mouOrders, authors] = await Promise.all([
    db.mouVersion.findMany({ where: { id: { in: versionIds } }, select: { id: true, content: true } }),
    db.order.findMany({ where: { mouId: { in: mous.map((m) => m.id) }, status: LIVE, deliveryDate: window }, select: { mouId: true, deliveryDate: true } }),
    db.user.findMany({ where: { id: { in: [...new Set(messages.map((m) => m.authorId))] } }, select: { id: true, partnerId: true } }),
  ]);
  const contentOf = new Map(versions.map((v) => [v.id, v.content]));
  const evidence = new Map<string, PartnerEvidence>(partners.map((p) => [p.id, { sessions: [], schedules: [], invoices: [], responses: [] }]));
  const detail: Loaded["detail"] = { sessions: [], mous: [], invoices: [], responses: [] };

  for (const s of sessions) {
    const deliveredAt = s.status === "DELIVERED" ? (s.scheduledAt ?? s.confirmedAt ?? s.dueDate) : null;
    evidence.get(s.partnerId)?.sessions.push({ id: s.id, status: s.status, dueDate: s.dueDate, deliveredAt, rating: s.rating });
    detail.sessions.push({ id: s.id, partnerId: s.partnerId, topic: s.topic, group: s.group.name, status: s.status, dueDate: s.dueDate, deliveredAt, rating: s.rating });
  }
  const fromKey = scope.filters.fromKey;
  const zone = scope.zone;
  const lastKey = dayKey(new Date(end.getTime() - 1), zone);
  for (const m of mous) {
    const versionId = m.activeVersionId ?? m.currentVersionId;
    const content: MouContent | null = versionId && contentOf.has(versionId) ? readMouContent(contentOf.get(versionId), versionId) : null;
    const hasQuantities = content?.scope?.items?.some((i) => i.quantityPerDelivery > 0) ?? false;
    const startKey = [fromKey, dayKey(m.startDate, zone)].sort()[1]!;
    const endKey = [lastKey, dayKey(m.endDate, zone)].sort()[0]!;
    const expectedDays = hasQuantities ? scheduleDays(content!.scope.deliveryDays ?? [], startKey, endKey) : [];
    const orderedDays = [...new Set(mouOrders.filter((o) => o.mouId === m.id).map((o) => dayKey(o.deliveryDate, zone)))];
    evidence.get(m.partnerId)?.schedules.push({ mouId: m.id, expectedDays, orderedDays });
    const expectedSet = new Set(expectedDays);
    detail.mous.push({ id: m.id, partnerId: m.partnerId, number: m.number, status: m.status, startDate: m.startDate, endDate: m.endDate, expected: expectedDays.length, ordered: orderedDays.filter((d) => expectedSet.has(d)).length });
  }
  for (const inv of invoices) {
    evidence.get(inv.partnerId)?.invoices.push({ id: inv.id, dueAt: inv.dueAt, paidAt: inv.paidAt, status: inv.status });
    detail.invoices.push({ id: inv.id, partnerId: inv.partnerId, number: inv.number, orderId: inv.orderId, group: inv.group.name, dueAt: inv.dueAt, paidAt: inv.paidAt, status: inv.status });
  }
  for (const o of offers) {
    const answeredAt = o.status === "SUBMITTED" ? null : o.updatedAt;
    evidence.get(o.demand.partnerId)?.responses.push({ id: o.id, kind: "offer", askedAt: o.createdAt, answeredAt });
    detail.responses.push({ id: o.id, partnerId: o.demand.partnerId, kind: "offer", href: `/partner/demands/${o.demand.id}`, title: `${o.demand.title} · ${o.group.name}`, askedAt: o.createdAt, answeredAt });
  }
  const partnerOf = new Map(authors.map((a) => [a.id, a.partnerId]));
  const open = new Map<string, { id: string; askedAt: Date; demandId: string; partnerId: string; title: string }>();
  const questions: { id: string; partnerId: string; demandId: string; title: string; askedAt: Date; answeredAt: Date | null }[] = [];
  for (const m of messages) {
    const thread = `${m.demandId}/${m.groupId}`;
    if (partnerOf.get(m.authorId) !== m.demand.partnerId) {
      if (!open.has(thread)) open.set(thread, { id: m.id, askedAt: m.createdAt, demandId: m.demandId, partnerId: m.demand.partnerId, title: m.demand.title });
    } else if (open.has(thread)) {
      const q = open.get(thread)!;
      questions.push({ ...q, answeredAt: m.createdAt });
      open.delete(thread);
    }
  }
  for (const q of open.values()) questions.push({ ...q, answeredAt: null });
  for (const q of questions) {
    evidence.get(q.partnerId)?.responses.push({ id: q.id, kind: "question", askedAt: q.askedAt, answeredAt: q.answeredAt });
    detail.responses.push({ id: q.id, partnerId: q.partnerId, kind: "question", href: `/dinas/demands/${q.demandId}`, title: q.title, askedAt: q.askedAt, answeredAt: q.answeredAt });
  }

  const passive = await passivePartners(scope, partnerId);
  return { partners, evidence, detail, passive };
}

/**
 * "Mitra pasif": a partner with an MoU in force signed at least 60 days ago that in the last 60 days
 * neither placed an order itself (standing orders are generated from the MoU schedule, not placed) nor
 * delivered a coaching session (decision 083).
 */
export async function passivePartners(scope: MonitoringScope, partnerId?: string) {
  const end = periodEnd(scope);
  // 60 calendar days in the scope's zone: from 00:00 of the day PASSIVE_DAYS before the end's day
  const since = daysBefore(end, PASSIVE_DAYS, scope.zone);
  const partnerWhere = partnerId ? { ...scope.partnerWhere, id: partnerId } : scope.partnerWhere;
  const candidates = await db.partner.findMany({
    where: { ...partnerWhere, mous: { some: { status: "ACTIVE", startDate: { lte: since } } } },
    select: {
      id: true,
      mous: { where: { status: "ACTIVE", startDate: { lte: since } }, select: { startDate: true }, orderBy: { startDate: "asc" }, take: 1 },
      orders: { where: { source: { not: "STANDING" }, status: LIVE, createdAt: { lt: end } }, select: { createdAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
      coachingSessions: { where: { status: "DELIVERED", dueDate: { lt: end } }, select: { scheduledAt: true, dueDate: true }, orderBy: { dueDate: "desc" }, take: 1 },
    },
  });
  const result = new Map<string, { since: Date; lastOrder: Date | null; lastCoaching: Date | null }>();
  for (const c of candidates) {
    const lastOrder = c.orders[0]?.createdAt ?? null;
    const lastCoaching = c.coachingSessions[0] ? (c.coachingSessions[0].scheduledAt ?? c.coachingSessions[0].dueDate) : null;
    if ((lastOrder && lastOrder >= since) || (lastCoaching && lastCoaching >= since)) continue;
    result.set(c.id, { since: c.mous[0]!.startDate, lastOrder, lastCoaching });
  }
  return result;
}

export type PartnerRankRow = {
  partnerId: string;
  name: string;
  sector: string;
  rank: number | null;
  passive: boolean;
  trend: { month: string; index: number | null }[];
} & IndexResult;

function rankRows(scope: MonitoringScope, loaded: Loaded): PartnerRankRow[] {
  const { from, toExclusive } = scope.filters;
  const zone = scope.zone;
  const months = monthsBetween(scope.filters.fromKey, dayKey(new Date(periodEnd(scope).getTime() - 1), zone));
  const rows = loaded.partners.map((p) => {
    const e = loaded.evidence.get(p.id)!;
    const result = enthusiasm(e, from, toExclusive, scope.now, zone);
    const trend = months.map((month) => {
      const start = startOfDay(`${month}-01`, zone);
      const next = startOfDay(addMonths(`${month}-01`, 1), zone);
      const clippedStart = start < from ? from : start;
      const clippedEnd = next > toExclusive ? toExclusive : next;
      return { month, index: enthusiasm(e, clippedStart, clippedEnd, scope.now, zone).index };
    });
    return { partnerId: p.id, name: p.displayName, sector: p.sector, rank: null as number | null, passive: loaded.passive.has(p.id), trend, ...result };
  });
  rows.sort((a, b) => (b.index ?? -1) - (a.index ?? -1) || a.name.localeCompare(b.name));
  let rank = 0;
  let previous: number | null = null;
  rows.forEach((r, i) => {
    if (r.index === null) return;
    if (r.index !== previous) rank = i + 1;
    previous = r.index;
    r.rank = rank;
  });
  return rows;
}

/** Partners of the scope ranked by enthusiasm (those with too little history last, unranked). */
export async function partnerRanking(scope: MonitoringScope): Promise<PartnerRankRow[]> {
  return rankRows(scope, await loadEvidence(scope));
}

/** One partner's index with the records behind each component. Refuses a partner outside the scope. */
export async function partnerEvidence(scope: MonitoringScope, partnerId: string) {
  const loaded = await loadEvidence(scope, partnerId);
  const partner = loaded.partners[0];
  if (!partner) throw new DomainError("errors:notFound");
  const row = (await partnerRanking(scope)).find((r) => r.partnerId === partnerId) ?? rankRows(scope, loaded)[0]!;
  const passive = loaded.passive.get(partnerId) ?? null;
  return { partner, row, passive, ...loaded.detail };
}
