import { createSession, sessionCookie } from "~/auth/session.server";
import { db } from "~/db/db.server";

/** A Cookie header for a signed-in user (by email), to call loaders and actions directly. */
export async function cookieFor(email: string | null): Promise<string> {
  // User.email is optional (phone-only accounts, decision 109): the users signed in here have one
  if (!email) throw new Error("cookieFor: a user with an email address");
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  const session = await createSession(user.id, {});
  const setCookie = await sessionCookie.serialize(session.id);
  return setCookie.split(";")[0]!;
}

export function formRequest(url: string, fields: Record<string, string | string[]>, cookie?: string): Request {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  return new Request(new URL(url, "http://localhost"), {
    method: "POST",
    body,
    headers: cookie ? { Cookie: cookie } : {},
  });
}

export function getRequest(url: string, cookie?: string): Request {
  return new Request(new URL(url, "http://localhost"), { headers: cookie ? { Cookie: cookie } : {} });
}

/** Runs a loader/action and returns the thrown or returned Response (Remix throws redirects and errors). */
export async function responseOf(fn: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await fn();
    if (result instanceof Response) return result;
    throw new Error("expected a Response");
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}
