/** Vitest: i18next in English with the real catalog, so pure modules speak as they do in the browser. */
import i18next from "i18next";
import en from "../locales/en.json";

await i18next.init({ lng: "en", fallbackLng: "en", resources: { en: { translation: en } }, interpolation: { escapeValue: false }, initAsync: false });
