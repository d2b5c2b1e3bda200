import { createCookie } from "@remix-run/node";
import type { i18n as I18n, TFunction } from "i18next";
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

const instances = new Map<AppLocale, I18n>();
/**
 * The process's i18next instance for a locale (created once; in development again on every call, so edited
 * translations show). Shared by concurrent requests: nothing changes its language or resources after init.
 */
export function getServerI18n(locale: AppLocale | string | null | undefined): I18n {
  const lng = isLocale(locale) ? locale : DEFAULT_LOCALE;
  if (process.env.NODE_ENV === "development" || !instances.has(lng)) instances.set(lng, createI18n(lng, getResources(lng)));
  return instances.get(lng)!;
}

/** A translation function for server-side text (emails, PDFs, API messages). */
export function getServerT(locale: AppLocale | string | null | undefined): TFunction {
  return getServerI18n(locale).t;
}
