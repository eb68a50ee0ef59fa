import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "../api/client";
import { createLink, listLinks, revokeLink, type LinkRole, type ShareLink } from "../api/sharing";
import { Dialog } from "../components/Dialog";
import { fullTime } from "../components/format";
import { editorStore } from "../store/useEditor";
import { MembersSection } from "../collab/MembersSection";
import "../collab/collab.css";
import "../review/review.css";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../i18n";

/** Labels are share.expiry.<choice> in the message catalogs. */
const EXPIRY = ["never", "1", "7", "30", "date"] as const;
type Expiry = (typeof EXPIRY)[number];

function expiresAt(choice: Expiry, date: string): string | null {
  if (choice === "never") return null;
  if (choice === "date") return date ? new Date(`${date}T23:59:59`).toISOString() : null;
  return new Date(Date.now() + Number(choice) * 86_400_000).toISOString();
}

function linkStatus(l: ShareLink, now = Date.now()): "active" | "revoked" | "expired" {
  if (l.revoked) return "revoked";
  if (l.expires_at && new Date(l.expires_at).getTime() <= now) return "expired";
  return "active";
}

async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard permission (http, old browser): select it so Ctrl+C works.
    input?.select();
    return document.execCommand?.("copy") ?? false;
  }
}

/**
 * Share: create review links (view or comment; expiry; frozen at this revision or following
 * the latest), copy the new one (its full address exists only now: the server keeps a hash),
 * list and revoke them.
 */
export function ShareDialog({ onClose, flushSave }: { onClose: () => void; flushSave: () => Promise<boolean> }) {
  const diagramId = editorStore.getState().diagramId!;
  const [links, setLinks] = useState<ShareLink[] | null>(null);
  const [role, setRole] = useState<LinkRole>("comment");
  const [expiry, setExpiry] = useState<Expiry>("never");
  const [date, setDate] = useState("");
  const [freeze, setFreeze] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<ShareLink | null>(null);
  const [copied, setCopied] = useState(false);
  const { t } = useTranslation();
  const urlRef = useRef<HTMLInputElement>(null);
  const revision = editorStore.getState().revision;

  const refresh = useCallback(() => {
    listLinks(diagramId)
      .then(setLinks)
      .catch((e) => setError(e instanceof ApiError ? e.detail : String(e)));
  }, [diagramId]);
  useEffect(refresh, [refresh]);

  const create = async () => {
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      // The link shows the saved diagram: save what is on screen first.
      if (!(await flushSave())) throw new Error(t("share.saveFirst"));
      if (expiry === "date" && !date) throw new Error(t("share.chooseDate"));
      const link = await createLink(diagramId, { role, expires_at: expiresAt(expiry, date), freeze });
      setCreated(link);
      refresh();
      requestAnimationFrame(() => urlRef.current?.select());
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  /** The link whose Revoke was clicked once: a second, explicit click revokes it. */
  const [confirming, setConfirming] = useState<number | null>(null);

  const revoke = async (l: ShareLink) => {
    setError(null);
    try {
      await revokeLink(l.id);
      setLinks((list) => list?.map((x) => (x.id === l.id ? { ...x, revoked: true } : x)) ?? null);
      if (created?.id === l.id) setCreated(null);
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : String(e));
    }
  };

  const sorted = [...(links ?? [])].sort(
    (a, b) => Number(linkStatus(a) !== "active") - Number(linkStatus(b) !== "active") || b.created_at.localeCompare(a.created_at),
  );

  return (
    <Dialog title={t("share.title")} onClose={onClose} wide testId="share-dialog">
      {created?.url && (
        <section className="share-created" aria-live="polite" data-testid="share-created">
          <h3>✓ {t("share.created")}</h3>
          <div className="share-url-row">
            <input ref={urlRef} className="input" readOnly value={created.url} onFocus={(e) => e.target.select()} aria-label={t("share.link")} data-testid="share-url" />
            <button
              type="button"
              className="btn btn-primary"
              onClick={async () => setCopied(await copyText(created.url!, urlRef.current))}
              data-testid="share-copy"
            >
              {copied ? `✓ ${t("share.copied")}` : t("share.copy")}
            </button>
          </div>
          <span className="small">
            {t("share.copyNow")}{" "}
            {t(created.role === "comment" ? "share.anyoneComment" : "share.anyoneView", {
              revision: created.frozen_revision ? t("share.atRevision", { n: created.frozen_revision }) : "",
              until: created.expires_at ? t("share.until", { time: fullTime(created.expires_at) }) : "",
            })}
          </span>
        </section>
      )}
      <form
        className="share-form"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        {created && <h3 className="share-section-title">{t("share.another")}</h3>}
        <fieldset>
          <legend>{t("share.roleLegend")}</legend>
          <div className="choice-row">
            <label className="choice">
              <input type="radio" name="role" checked={role === "comment"} onChange={() => setRole("comment")} data-testid="share-role-comment" />
              <span>
                <strong>{t("share.roleComment")}</strong>
                <span className="muted small">{t("share.roleCommentHelp")}</span>
              </span>
            </label>
            <label className="choice">
              <input type="radio" name="role" checked={role === "view"} onChange={() => setRole("view")} data-testid="share-role-view" />
              <span>
                <strong>{t("review.viewOnly")}</strong>
                <span className="muted small">{t("share.roleViewHelp")}</span>
              </span>
            </label>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("share.showsLegend")}</legend>
          <div className="choice-row">
            <label className="choice">
              <input type="radio" name="freeze" checked={!freeze} onChange={() => setFreeze(false)} data-testid="share-follow" />
              <span>
                <strong>{t("share.latest")}</strong>
                <span className="muted small">{t("share.latestHelp")}</span>
              </span>
            </label>
            <label className="choice">
              <input type="radio" name="freeze" checked={freeze} onChange={() => setFreeze(true)} data-testid="share-freeze" />
              <span>
                <strong>{revision ? t("share.frozenN", { n: revision }) : t("share.frozen")}</strong>
                <span className="muted small">{t("share.frozenHelp")}</span>
              </span>
            </label>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t("share.expiryLegend")}</legend>
          <div className="share-expiry">
            <select className="input" value={expiry} onChange={(e) => setExpiry(e.target.value as Expiry)} aria-label={t("share.expiryLabel")} data-testid="share-expiry">
              {EXPIRY.map((v) => (
                <option key={v} value={v}>
                  {t(`share.expiry.${v}`)}
                </option>
              ))}
            </select>
            {expiry === "date" && (
              <input
                type="date"
                className="input"
                value={date}
                min={new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}
                onChange={(e) => setDate(e.target.value)}
                aria-label={t("share.expiryDate")}
              />
            )}
            <span className="muted small">{t("share.revokeAnytime")}</span>
          </div>
        </fieldset>
        {error && (
          <div className="banner banner-error" role="alert" data-testid="share-error">
            {error}
          </div>
        )}
        <div className="btn-row">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="share-create">
            {busy ? t("newDiagram.creating") : t("share.create")}
          </button>
        </div>
      </form>
      <h3 className="share-section-title">{t("share.links")}</h3>
      {links === null ? (
        <p className="muted small">{t("app.loading")}</p>
      ) : links.length === 0 ? (
        <p className="muted small" data-testid="share-none">
          {t("share.none")}
        </p>
      ) : (
        <table className="share-links" data-testid="share-links">
          <thead>
            <tr>
              <th>{t("share.colLink")}</th>
              <th>{t("share.colAccess")}</th>
              <th>{t("share.colShows")}</th>
              <th>{t("share.colExpires")}</th>
              <th>{t("share.colStatus")}</th>
              <th>
                <span className="sr-only">{t("list.colActions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((l) => {
              const status = linkStatus(l);
              return (
                <tr key={l.id} className={status === "active" ? "" : "inactive"} data-testid="share-link-row" data-link-id={l.id} data-status={status}>
                  <td>
                    <code title={t("share.tokenStart")}>/r/{l.token_prefix}…</code>
                  </td>
                  <td>{l.role === "comment" ? t("share.accessComment") : t("share.accessView")}</td>
                  <td>{l.frozen_revision ? t("share.showsFrozen", { n: l.frozen_revision }) : t("share.showsLatest")}</td>
                  <td title={l.expires_at ? fullTime(l.expires_at) : undefined}>{l.expires_at ? new Date(l.expires_at).toLocaleDateString(currentLanguage()) : t("share.expiry.never")}</td>
                  <td>
                    <span className={`status-dot ${status}`} aria-hidden="true" />
                    {t(`share.status.${status}`)}
                  </td>
                  <td>
                    {status === "active" && confirming !== l.id && (
                      <button type="button" className="btn btn-sm" onClick={() => setConfirming(l.id)} data-testid="share-revoke">
                        {t("share.revoke")}
                      </button>
                    )}
                    {status === "active" && confirming === l.id && (
                      <span className="revoke-confirm" role="group" aria-label={t("share.revokeAsk")} data-testid="share-revoke-ask">
                        <span className="small">{t("share.revokeLoses")}</span>
                        <button
                          type="button"
                          className="btn btn-sm btn-danger"
                          autoFocus
                          onClick={() => {
                            setConfirming(null);
                            void revoke(l);
                          }}
                          data-testid="share-revoke-confirm"
                        >
                          {t("share.revokeLink")}
                        </button>
                        <button type="button" className="btn btn-sm" onClick={() => setConfirming(null)} data-testid="share-revoke-cancel">
                          {t("share.keep")}
                        </button>
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <MembersSection diagramId={diagramId} />
    </Dialog>
  );
}
