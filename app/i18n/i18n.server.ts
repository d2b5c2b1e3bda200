import { createCookie } from "@remix-run/node";
import type { TFunction } from "i18next";
import { DEFAULT_LOCALE, isLocale, type AppLocale } from "./config";
import { createI18n } from "./instance";
import { getResources } from "./resources.server";

export const localeCookie = createCookie("bermitra_lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: false,
  maxAge: 365 * 24 * 60 * 60,
});

/** Cookie first (the language switch), then the signed-in user's setting, then Accept-Language, then id. */
export async function detectLocale(request: Request, userLocale?: string | null): Promise<AppLocale> {
  const fromCookie = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  if (isLocale(userLocale)) return userLocale;
  const header = request.headers.get("Accept-Language") ?? "";
  for (const part of header.split(",")) {
    const tag = part.split(";")[0]?.trim().toLowerCase().slice(0, 2);
    if (tag === "id" || tag === "in") return "id";
    if (tag === "en") return "en";
  }
  return DEFAULT_LOCALE;
}

const fixed = new Map<AppLocale, TFunction>();
/** A translation function for server-side text (emails, PDFs, API messages). */
export function getServerT(locale: AppLocale | string | null | undefined): TFunction {
  const lng = isLocale(locale) ? locale : DEFAULT_LOCALE;
  if (process.env.NODE_ENV === "development" || !fixed.has(lng)) fixed.set(lng, createI18n(lng, getResources(lng)).t);
  return fixed.get(lng)!;
}
