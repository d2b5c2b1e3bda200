import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "~/audit/audit.server";
import type { Actor } from "~/auth/actor";
import { db } from "~/db/db.server";
import { DomainError } from "~/domain/errors";
import { MonitoringFiltersSchema, type MonitoringFilterInput } from "./filters";
import { resolveScope, type MonitoringScope } from "./scope.server";
import { SHARE_MAX_DAYS } from "./share-limits";

/**
 * Read-only share links of the programme overview, for the mayor's office (issue 12, decision 088).
 * The token (256 random bits, base64url) is shown once, in the link; only its SHA-256 is stored, so a
 * copy of the database does not open the links. A link shows its office's overview with the filters it
 * was made with, until it expires or Dinas revokes it; every creation and revocation is audited.
 */
export { SHARE_MAX_DAYS };
const DAY_MS = 86_400_000;

export function shareTokenHash(token: string): string {
  return createHash("sha256").update(`overview-share-link:${token}`).digest("hex");
}

/** Only a city Dinas with an office shares its overview (not the province, not an admin without an office). */
function officeOf(actor: Actor): string {
  if (actor.role === "DINAS" && actor.dinasOfficeId) return actor.dinasOfficeId;
  throw new DomainError("errors:forbidden");
}

/** The filters a link keeps: the overview's own query string, minus the office (a city link is one office). */
function storedQuery(filters: MonitoringFilterInput): string {
  const params = new URLSearchParams();
  for (const key of ["from", "to", "kecamatanId", "groupType", "sector"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}

export type ShareLinkInput = { label: string; days: number; filters: MonitoringFilterInput };

export async function createShareLink(actor: Actor, input: ShareLinkInput, now = new Date()): Promise<{ id: string; token: string; expiresAt: Date }> {
  const officeId = officeOf(actor);
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > SHARE_MAX_DAYS) throw new DomainError("monitoring:share.errors.days", { max: SHARE_MAX_DAYS }, "days");
  // the filters must be valid for this office (a kecamatan of another office is refused like on the page)
  await resolveScope(actor, input.filters, now);
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + input.days * DAY_MS);
  const link = await db.$transaction(async (tx) => {
    const row = await tx.shareLink.create({
      data: { tokenHash: shareTokenHash(token), dinasOfficeId: officeId, label: input.label, query: storedQuery(input.filters), createdById: actor.actorId, createdAt: now, expiresAt },
    });
    await recordAudit(tx, actor, { action: "shareLink.created", entityType: "ShareLink", entityId: row.id, after: { label: row.label, query: row.query, expiresAt: row.expiresAt.toISOString() } });
    return row;
  });
  return { id: link.id, token, expiresAt };
}

export async function revokeShareLink(actor: Actor, id: string, now = new Date()): Promise<void> {
  const officeId = officeOf(actor);
  await db.$transaction(async (tx) => {
    const link = await tx.shareLink.findFirst({ where: { id, dinasOfficeId: officeId } });
    if (!link) throw new DomainError("errors:notFound");
    if (link.revokedAt) throw new DomainError("monitoring:share.errors.alreadyRevoked");
    const done = await tx.shareLink.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now, revokedById: actor.actorId } });
    if (done.count !== 1) throw new DomainError("monitoring:share.errors.alreadyRevoked");
    await recordAudit(tx, actor, { action: "shareLink.revoked", entityType: "ShareLink", entityId: id, before: { revokedAt: null }, after: { revokedAt: now.toISOString() } });
  });
}

export type ShareLinkState = "active" | "expired" | "revoked";

export function shareLinkState(link: { expiresAt: Date; revokedAt: Date | null }, now: Date): ShareLinkState {
  if (link.revokedAt) return "revoked";
  if (link.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

/** The office's links, newest first (never the tokens: they are not stored). */
export async function listShareLinks(actor: Actor, now = new Date()) {
  const officeId = officeOf(actor);
  const links = await db.shareLink.findMany({ where: { dinasOfficeId: officeId }, orderBy: { createdAt: "desc" }, take: 100 });
  return links.map((l) => ({
    id: l.id,
    label: l.label,
    query: l.query,
    createdAt: l.createdAt,
    expiresAt: l.expiresAt,
    revokedAt: l.revokedAt,
    viewCount: l.viewCount,
    lastViewedAt: l.lastViewedAt,
    state: shareLinkState(l, now),
  }));
}

/**
 * Opens a link for anyone holding the token: an unknown token is 404, a revoked or expired one 410
 * ("gone": it existed and no longer opens). Counts the view. Returns the scope of the link's office.
 */
export async function openShareLink(token: string, now = new Date()): Promise<{ label: string; expiresAt: Date; officeName: string; scope: MonitoringScope }> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new DomainError("errors:notFound");
  const link = await db.shareLink.findUnique({ where: { tokenHash: shareTokenHash(token) }, include: { dinasOffice: { select: { name: true } } } });
  if (!link) throw new DomainError("errors:notFound");
  if (shareLinkState(link, now) !== "active") throw new DomainError("monitoring:share.gone");
  const parsed = MonitoringFiltersSchema.safeParse(Object.fromEntries(new URLSearchParams(link.query)));
  const scope = await resolveScope({ role: "DINAS", dinasOfficeId: link.dinasOfficeId }, parsed.success ? parsed.data : {}, now);
  await db.shareLink.update({ where: { id: link.id }, data: { viewCount: { increment: 1 }, lastViewedAt: now } });
  return { label: link.label, expiresAt: link.expiresAt, officeName: link.dinasOffice.name, scope };
}
