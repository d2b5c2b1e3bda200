import { createCookie } from "@remix-run/node";
import { db, type DbClient } from "~/db/db.server";
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
  group: { select: { id: true, name: true, slug: true, verificationStatus: true } },
  partner: { select: { id: true, displayName: true, slug: true, verificationStatus: true } },
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

export async function loadSessionUser(request: Request) {
  const sessionId = await readSessionId(request);
  if (!sessionId) return null;
  const session = await db.session.findUnique({
    where: { id: sessionId },
    select: { id: true, expiresAt: true, revokedAt: true, user: { select: { ...sessionUserSelect, disabledAt: true } } },
  });
  if (!session || session.revokedAt || session.expiresAt < new Date() || session.user.disabledAt) return null;
  return { sessionId: session.id, user: session.user };
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
