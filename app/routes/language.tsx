import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { setPreferredLocale } from "~/accounts/settings.server";
import { actorOf, getOptionalUser } from "~/auth/guard.server";
import { isLocale } from "~/i18n/config";
import { localeCookie } from "~/i18n/i18n.server";
import { safeRedirectPath } from "~/utils/redirect";

/** The language switch: a plain form post, so it works without JavaScript. Anyone may use it. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const lng = form.get("lng");
  const to = safeRedirectPath(form.get("redirectTo"), "/");
  if (!isLocale(lng)) return redirect(to);
  const user = await getOptionalUser(request);
  if (user) await setPreferredLocale(actorOf(user, request), lng);
  return redirect(to, { headers: { "Set-Cookie": await localeCookie.serialize(lng) } });
}

export const loader = () => redirect("/");
