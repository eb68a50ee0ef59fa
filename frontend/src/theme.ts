/**
 * Light or dark: the user's choice (the header's switch, remembered in this browser), or the
 * system's (`prefers-color-scheme`) until they choose. The page gets `data-theme` on <html>
 * (styles.css swaps its tokens); the canvas takes the catalog style's dark palette
 * (`style.dark`, builder/catalog/style.py). Exports keep the light colours.
 */
import { useSyncExternalStore } from "react";

export type Theme = "light" | "dark";
export type ThemeChoice = Theme | "system";
export const THEME_CHOICES: ThemeChoice[] = ["system", "light", "dark"];
const KEY = "awsb.theme";

const listeners = new Set<() => void>();
const media = typeof window !== "undefined" && window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

function storedChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === "light" || v === "dark" ? v : "system";
  } catch {
    return "system";
  }
}

let choice: ThemeChoice = storedChoice();

export function themeChoice(): ThemeChoice {
  return choice;
}

/** The theme shown now. */
export function currentTheme(): Theme {
  if (choice !== "system") return choice;
  return media?.matches ? "dark" : "light";
}

function apply(): void {
  document.documentElement.dataset.theme = currentTheme();
  document.documentElement.style.colorScheme = currentTheme();
  listeners.forEach((l) => l());
}

export function chooseTheme(next: ThemeChoice): void {
  choice = next;
  try {
    if (next === "system") localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, next);
  } catch {
    /* private mode: the choice lasts for this page */
  }
  apply();
}

/** Set the page's theme and follow the system's while the user has not chosen. */
export function startTheme(): void {
  media?.addEventListener("change", () => choice === "system" && apply());
  apply();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** The theme shown now, re-rendering when it changes. */
export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, currentTheme);
}

/** The user's choice (system, light or dark), re-rendering when it changes. */
export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(subscribe, themeChoice);
}
