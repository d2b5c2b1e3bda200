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

/**
 * The language switch's cookie first, then the signed-in user's saved choice, else Bahasa Indonesia.
 * The browser's Accept-Language is deliberately ignored: many phones here are set to English while
 * their owners read Indonesian, and the product's default language is Indonesian.
 */
export async function detectLocale(request: Request, userLocale?: string | null): Promise<AppLocale> {
  const fromCookie = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  if (isLocale(userLocale)) return userLocale;
  return DEFAULT_LOCALE;
}

const fixed = new Map<AppLocale, TFunction>();
/** A translation function for server-side text (emails, PDFs, API messages). */
export function getServerT(locale: AppLocale | string | null | undefined): TFunction {
  const lng = isLocale(locale) ? locale : DEFAULT_LOCALE;
  if (process.env.NODE_ENV === "development" || !fixed.has(lng)) fixed.set(lng, createI18n(lng, getResources(lng)).t);
  return fixed.get(lng)!;
}
