import type { ReactNode } from "react";
import { csrfToken } from "../api/client";
import type { Boot } from "../boot";

/** The top bar: product name, the page's own tools, and the account. */
export function AppHeader({ boot, children }: { boot: Boot; children?: ReactNode }) {
  return (
    <header className="app-header">
      <a className="brand" href="/" aria-label="All diagrams">
        <span className="brand-mark" aria-hidden="true">
          ◇
        </span>
        <span className="brand-name">Serverless Builder</span>
      </a>
      <div className="header-main">{children}</div>
      <div className="header-account">
        {boot.user ? (
          <form method="post" action={boot.urls.logout}>
            <input type="hidden" name="csrfmiddlewaretoken" value={csrfToken()} />
            <span className="username" data-testid="username">
              {boot.user.username}
            </span>
            <button type="submit" className="btn btn-ghost btn-sm">
              Sign out
            </button>
          </form>
        ) : (
          <a className="btn btn-ghost btn-sm" href={boot.urls.login}>
            Sign in
          </a>
        )}
      </div>
    </header>
  );
}
