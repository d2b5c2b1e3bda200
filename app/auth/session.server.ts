import { createCookie } from "@remix-run/node";
import { db, type DbClient } from "~/db/db.server";
import type { Prisma } from "~/generated/prisma/client";
import { DEMO_SESSION_SECRET } from "~/http/startup-checks";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

function secrets(): string[] {
  const configured = process.env.SESSION_SECRET;
  if (configured) return configured.split(",");
  if (process.env.NODE_ENV === "production" && process.env.BERMITRA_DEMO !== "1") {
    console.warn("SESSION_SECRET is not set; using the demo secret");
  }
  return [DEMO_SESSION_SECRET];
}

/** The session cookie holds only the id of a row in the Session table, signed. */
export const sessionCookie = createCookie("bermitra_session", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  secure: process.env.COOKIE_SECURE === "1",
  secrets: secrets(),
  maxAge: SESSION_TTL_MS / 1000,
});

export const sessionUserSelect = {
  id: true,
  email: true,
  name: true,
  role: true,
  locale: true,
  title: true,
  groupId: true,
  partnerId: true,
  dinasOfficeId: true,
  emailNotifications: true,
  phone: true,
  // the office zone the user's pages print dates in (viewerZone, decision 123)
  dinasOffice: { select: { timeZone: true } },
  group: { select: { id: true, name: true, slug: true, verificationStatus: true, dinasOffice: { select: { timeZone: true } } } },
  partner: { select: { id: true, displayName: true, slug: true, verificationStatus: true, dinasOffice: { select: { timeZone: true } } } },
} as const;

export async function createSession(
  userId: string,
  meta: { ip?: string | null; userAgent?: string | null },
  client: DbClient = db,
) {
  return client.session.create({
    data: {
      userId,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
      ip: meta.ip ?? null,
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    },
  });
}

export async function readSessionId(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

type SessionUserRow = Prisma.UserGetPayload<{ select: typeof sessionUserSelect & { disabledAt: true } }>;

type SessionRow = {
  sessionId: string;
  expiresAt: Date;
  revokedAt: Date | null;
  id: string;
  email: string | null;
  phone: string | null;
  name: string;
  role: SessionUserRow["role"];
  locale: SessionUserRow["locale"];
  title: string | null;
  groupId: string | null;
  partnerId: string | null;
  dinasOfficeId: string | null;
  emailNotifications: boolean | number;
  disabledAt: Date | null;
  g_id: string | null;
  g_name: string | null;
  g_slug: string | null;
  g_verificationStatus: NonNullable<SessionUserRow["group"]>["verificationStatus"] | null;
  p_id: string | null;
  p_displayName: string | null;
  p_slug: string | null;
  p_verificationStatus: NonNullable<SessionUserRow["partner"]>["verificationStatus"] | null;
  /** the time zones of the user's, the group's and the partner's office (viewerZone, decision 123) */
  u_timeZone: string | null;
  g_timeZone: string | null;
  p_timeZone: string | null;
};

/**
 * The session with its user, group and partner in one statement (every page asks for it; as a nested Prisma
 * select it took four). Plain SQL that SQLite and PostgreSQL both read; `sessionUserSelect` names the same fields.
 */
function querySessionRow(sessionId: string): Promise<SessionRow | null> {
  return db
    .$queryRaw<SessionRow[]>`
      SELECT s."id" AS "sessionId", s."expiresAt", s."revokedAt",
             u."id", u."email", u."phone", u."name", u."role", u."locale", u."title", u."groupId", u."partnerId", u."dinasOfficeId",
             u."emailNotifications", u."disabledAt",
             g."id" AS "g_id", g."name" AS "g_name", g."slug" AS "g_slug", g."verificationStatus" AS "g_verificationStatus",
             p."id" AS "p_id", p."displayName" AS "p_displayName", p."slug" AS "p_slug", p."verificationStatus" AS "p_verificationStatus",
             uo."timeZone" AS "u_timeZone", gof."timeZone" AS "g_timeZone", pof."timeZone" AS "p_timeZone"
      FROM "Session" s
      JOIN "User" u ON u."id" = s."userId"
      LEFT JOIN "Group" g ON g."id" = u."groupId"
      LEFT JOIN "Partner" p ON p."id" = u."partnerId"
      LEFT JOIN "DinasOffice" uo ON uo."id" = u."dinasOfficeId"
      LEFT JOIN "DinasOffice" gof ON gof."id" = g."dinasOfficeId"
      LEFT JOIN "DinasOffice" pof ON pof."id" = p."dinasOfficeId"
      WHERE s."id" = ${sessionId}`
    .then((rows) => rows[0] ?? null);
}

/** Lookups of one session already on their way (the root's and the page's loader ask at the same moment): shared. */
const inFlight = new Map<string, Promise<SessionRow | null>>();

const asDate = (value: Date | string | null): Date | null => (value == null ? null : value instanceof Date ? value : new Date(value));

export async function loadSessionUser(request: Request): Promise<{ sessionId: string; user: SessionUserRow } | null> {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  let pending = inFlight.get(sessionId);
  if (!pending) {
    pending = querySessionRow(sessionId).finally(() => inFlight.delete(sessionId));
    inFlight.set(sessionId, pending);
  }
  const row = await pending;
  if (!row) return null;
  const expiresAt = asDate(row.expiresAt)!;
  if (row.revokedAt || expiresAt < new Date() || row.disabledAt) return null;
  return {
    sessionId: row.sessionId,
    user: {
      id: row.id,
      email: row.email,
      phone: row.phone,
      name: row.name,
      role: row.role,
      locale: row.locale,
      title: row.title,
      groupId: row.groupId,
      partnerId: row.partnerId,
      dinasOfficeId: row.dinasOfficeId,
      emailNotifications: Boolean(row.emailNotifications),
      disabledAt: asDate(row.disabledAt),
      dinasOffice: row.u_timeZone ? { timeZone: row.u_timeZone } : null,
      group: row.g_id ? { id: row.g_id, name: row.g_name!, slug: row.g_slug!, verificationStatus: row.g_verificationStatus!, dinasOffice: { timeZone: row.g_timeZone ?? "" } } : null,
      partner: row.p_id ? { id: row.p_id, displayName: row.p_displayName!, slug: row.p_slug!, verificationStatus: row.p_verificationStatus!, dinasOffice: { timeZone: row.p_timeZone ?? "" } } : null,
    },
  };
}

export type SessionUser = NonNullable<Awaited<ReturnType<typeof loadSessionUser>>>["user"];

export async function commitSessionCookie(sessionId: string) {
  return sessionCookie.serialize(sessionId);
}

export async function destroySessionCookie() {
  return sessionCookie.serialize("", { maxAge: 0 });
}

export async function revokeSession(sessionId: string, userId?: string) {
  await db.session.updateMany({
    where: { id: sessionId, ...(userId ? { userId } : {}), revokedAt: null },
    data: { revokedAt: new Date() },
  });
}

export async function revokeAllSessions(userId: string, client: DbClient = db) {
  await client.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
}
