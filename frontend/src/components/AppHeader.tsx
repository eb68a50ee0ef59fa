import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { csrfToken } from "../api/client";
import type { Boot } from "../boot";
import { chooseLanguage, currentLanguage, isLanguage, LANGUAGE_NAMES, LANGUAGES } from "../i18n";
import { chooseTheme, THEME_CHOICES, useThemeChoice, type ThemeChoice } from "../theme";

/** The top bar: product name, the page's own tools, the language, and the account. */
export function AppHeader({ boot, children, presence }: { boot: Boot; children?: ReactNode; presence?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <a className="brand" href="/" title={t("header.allDiagrams")} data-testid="brand">
        <span className="brand-mark" aria-hidden="true">
          ◇
        </span>
        <span className="brand-name">Serverless Builder</span>
      </a>
      <div className="header-main">{children}</div>
      {presence /* who else is in the live session (collab/Presence.tsx) */}
      <div className="header-account">
        <ThemeSwitch />
        <LanguageSwitch signedIn={boot.user !== null} />
        {boot.user ? (
          <form method="post" action={boot.urls.logout}>
            <input type="hidden" name="csrfmiddlewaretoken" value={csrfToken()} />
            <span className="username" data-testid="username">
              {boot.user.username}
            </span>
            <button type="submit" className="btn btn-ghost btn-sm">
              {t("header.signOut")}
            </button>
          </form>
        ) : (
          <a className="btn btn-ghost btn-sm" href={boot.urls.login}>
            {t("header.signIn")}
          </a>
        )}
      </div>
    </header>
  );
}

/** 한국어 / English, remembered for the user (server) and this browser. */
export function LanguageSwitch({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation();
  return (
    <select
      className="header-select"
      aria-label={t("header.language")}
      value={currentLanguage()}
      onChange={(e) => isLanguage(e.target.value) && void chooseLanguage(e.target.value, signedIn)}
      data-testid="language"
    >
      {LANGUAGES.map((l) => (
        <option key={l} value={l} lang={l}>
          {LANGUAGE_NAMES[l]}
        </option>
      ))}
    </select>
  );
}

/** System / light / dark, remembered in this browser. */
export function ThemeSwitch() {
  const { t } = useTranslation();
  const choice = useThemeChoice();
  return (
    <select
      className="header-select"
      aria-label={t("header.theme")}
      value={choice}
      onChange={(e) => chooseTheme(e.target.value as ThemeChoice)}
      data-testid="theme"
    >
      {THEME_CHOICES.map((c) => (
        <option key={c} value={c}>
          {t(`header.themes.${c}`)}
        </option>
      ))}
    </select>
  );
}
