/**
 * The editor's languages (Korean and English) with i18next: the message catalogs are
 * `locales/en.json` and `locales/ko.json`, each its own chunk, so a page loads only the
 * language it shows (the other one when the user switches to it).
 *
 * The language comes from, in order: the user's choice stored on the server (`GET /api/me/`),
 * the one remembered in this browser (localStorage `awsb.lang`), the browser's languages
 * (`navigator.languages`), English.
 * Every API call sends it as `Accept-Language` (api/client.ts), so the server answers the
 * catalog, rule texts and findings in it.
 */
import i18next, { type BackendModule, type ResourceKey } from "i18next";
import { initReactI18next } from "react-i18next";
import { ApiError, get, patch } from "../api/client";

export const LANGUAGES = ["en", "ko"] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_NAMES: Record<Language, string> = { en: "English", ko: "한국어" };
export const STORAGE_KEY = "awsb.lang";

const catalogs: Record<Language, () => Promise<{ default: ResourceKey }>> = {
  en: () => import("../locales/en.json"),
  ko: () => import("../locales/ko.json"),
};

const lazyCatalogs: BackendModule = {
  type: "backend",
  init() {},
  read(language, _namespace, callback) {
    const load = catalogs[language as Language];
    if (!load) return callback(null, {});
    load().then(
      (m) => callback(null, m.default),
      (e: unknown) => callback(e instanceof Error ? e : new Error(String(e)), null),
    );
  },
};

export const isLanguage = (v: unknown): v is Language => typeof v === "string" && (LANGUAGES as readonly string[]).includes(v);

/** The language being started (before i18next has one). */
let starting: Language | null = null;

/** The language shown now ("en" or "ko"). */
export function currentLanguage(): Language {
  if (starting && !i18next.isInitialized) return starting;
  const l = (i18next.resolvedLanguage ?? i18next.language ?? "en").slice(0, 2);
  return isLanguage(l) ? l : "en";
}

/** This browser's language: the one chosen here before, else the first of the browser's we have. */
export function browserLanguage(): Language {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(stored)) return stored;
  } catch {
    /* no storage: the browser's languages decide */
  }
  const wanted = typeof navigator === "undefined" ? [] : navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const tag of wanted) {
    const l = (tag ?? "").slice(0, 2).toLowerCase();
    if (isLanguage(l)) return l;
  }
  return "en";
}

/** Start i18next; resolves once the page's catalog is loaded (render after it). */
export async function initI18n(lng: Language): Promise<void> {
  await i18next
    .use(lazyCatalogs)
    .use(initReactI18next)
    .init({
      lng,
      supportedLngs: [...LANGUAGES],
      nonExplicitSupportedLngs: true,
      load: "languageOnly",
      fallbackLng: "en",
      ns: ["translation"],
      interpolation: { escapeValue: false }, // React escapes
      react: { useSuspense: false },
      returnNull: false,
    });
  document.documentElement.lang = currentLanguage();
  i18next.on("languageChanged", () => {
    document.documentElement.lang = currentLanguage();
  });
}

function remember(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    /* private mode: not remembered in this browser */
  }
}

/** The user picked a language: show it, remember it here and on the server (when it can). */
export async function chooseLanguage(language: Language, signedIn: boolean): Promise<void> {
  remember(language);
  await i18next.changeLanguage(language);
  if (signedIn) void saveUserLanguage(language);
}

async function saveUserLanguage(language: Language): Promise<void> {
  try {
    await patch("/api/me/", { language });
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) console.warn("the language was not saved on the server", e);
  }
}

/**
 * The language the user chose on the server wins over this browser's. A 404 means the server
 * does not remember languages (yet): this browser's choice stays.
 */
export async function userLanguage(): Promise<Language | null> {
  try {
    const me = await get<{ username: string; language: string | null }>("/api/me/");
    return isLanguage(me.language) ? me.language : null;
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 404) console.warn("the user's language could not be read", e);
    return null;
  }
}

/** Start i18next in the user's language: theirs from the server when signed in, else this browser's. */
export async function startI18n(signedIn: boolean): Promise<void> {
  const mine = browserLanguage();
  starting = mine;
  const [, theirs] = await Promise.all([initI18n(mine), signedIn ? userLanguage() : Promise.resolve(null)]);
  starting = null;
  if (theirs && theirs !== currentLanguage()) {
    remember(theirs);
    await i18next.changeLanguage(theirs);
  }
}

export { i18next };

/** Run `reload` after every language switch (the server's words: catalog, rules, findings). */
export function onLanguageChanged(reload: () => void): () => void {
  i18next.on("languageChanged", reload);
  return () => i18next.off("languageChanged", reload);
}
