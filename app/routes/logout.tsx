import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { destroySessionCookie, readSessionId, revokeSession } from "~/auth/session.server";

export async function action({ request }: ActionFunctionArgs) {
  const sessionId = await readSessionId(request);
  if (sessionId) await revokeSession(sessionId);
  return redirect("/", { headers: { "Set-Cookie": await destroySessionCookie() } });
}

export const loader = () => redirect("/");
