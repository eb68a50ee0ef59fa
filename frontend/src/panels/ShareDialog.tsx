import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "../api/client";
import { createLink, listLinks, revokeLink, type LinkRole, type ShareLink } from "../api/sharing";
import { Dialog } from "../components/Dialog";
import { fullTime } from "../components/format";
import { editorStore } from "../store/useEditor";
import "../review/review.css";

const EXPIRY = [
  ["never", "Never"],
  ["1", "In 1 day"],
  ["7", "In 7 days"],
  ["30", "In 30 days"],
  ["date", "On a date…"],
] as const;
type Expiry = (typeof EXPIRY)[number][0];

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
      if (!(await flushSave())) throw new Error("The diagram has unsaved changes that could not be saved; save it first.");
      if (expiry === "date" && !date) throw new Error("Choose the date the link stops working.");
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
    <Dialog title="Share for review" onClose={onClose} wide testId="share-dialog">
      {created?.url && (
        <section className="share-created" aria-live="polite" data-testid="share-created">
          <h3>✓ Review link created</h3>
          <div className="share-url-row">
            <input ref={urlRef} className="input" readOnly value={created.url} onFocus={(e) => e.target.select()} aria-label="Review link" data-testid="share-url" />
            <button
              type="button"
              className="btn btn-primary"
              onClick={async () => setCopied(await copyText(created.url!, urlRef.current))}
              data-testid="share-copy"
            >
              {copied ? "✓ Copied" : "Copy link"}
            </button>
          </div>
          <span className="small">
            Copy it now: only a fingerprint of the link is stored, so its full address cannot be shown again. Anyone with it can{" "}
            {created.role === "comment" ? "see the diagram and comment" : "see the diagram"}
            {created.frozen_revision ? `, at revision ${created.frozen_revision}` : ""}
            {created.expires_at ? `, until ${fullTime(created.expires_at)}` : ""}.
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
        {created && <h3 className="share-section-title">Create another link</h3>}
        <fieldset>
          <legend>People with the link can</legend>
          <div className="choice-row">
            <label className="choice">
              <input type="radio" name="role" checked={role === "comment"} onChange={() => setRole("comment")} data-testid="share-role-comment" />
              <span>
                <strong>View and comment</strong>
                <span className="muted small">Comment on components, connections and findings; approve or request changes.</span>
              </span>
            </label>
            <label className="choice">
              <input type="radio" name="role" checked={role === "view"} onChange={() => setRole("view")} data-testid="share-role-view" />
              <span>
                <strong>View only</strong>
                <span className="muted small">See the diagram, its findings and the comments; download PNG or SVG.</span>
              </span>
            </label>
          </div>
        </fieldset>
        <fieldset>
          <legend>The link shows</legend>
          <div className="choice-row">
            <label className="choice">
              <input type="radio" name="freeze" checked={!freeze} onChange={() => setFreeze(false)} data-testid="share-follow" />
              <span>
                <strong>The latest revision</strong>
                <span className="muted small">Reviewers see your edits as you save them, with what changed since they last commented.</span>
              </span>
            </label>
            <label className="choice">
              <input type="radio" name="freeze" checked={freeze} onChange={() => setFreeze(true)} data-testid="share-freeze" />
              <span>
                <strong>This revision{revision ? ` (r${revision})` : ""}, frozen</strong>
                <span className="muted small">A snapshot: later edits are not shown through this link.</span>
              </span>
            </label>
          </div>
        </fieldset>
        <fieldset>
          <legend>The link stops working</legend>
          <div className="share-expiry">
            <select className="input" value={expiry} onChange={(e) => setExpiry(e.target.value as Expiry)} aria-label="Expiry" data-testid="share-expiry">
              {EXPIRY.map(([v, label]) => (
                <option key={v} value={v}>
                  {label}
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
                aria-label="Expiry date"
              />
            )}
            <span className="muted small">You can revoke it at any time.</span>
          </div>
        </fieldset>
        {error && (
          <div className="banner banner-error" role="alert" data-testid="share-error">
            {error}
          </div>
        )}
        <div className="btn-row">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="share-create">
            {busy ? "Creating…" : "Create link"}
          </button>
        </div>
      </form>
      <h3 className="share-section-title">Links to this diagram</h3>
      {links === null ? (
        <p className="muted small">Loading…</p>
      ) : links.length === 0 ? (
        <p className="muted small" data-testid="share-none">
          No links yet.
        </p>
      ) : (
        <table className="share-links" data-testid="share-links">
          <thead>
            <tr>
              <th>Link</th>
              <th>Access</th>
              <th>Shows</th>
              <th>Expires</th>
              <th>Status</th>
              <th>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((l) => {
              const status = linkStatus(l);
              return (
                <tr key={l.id} className={status === "active" ? "" : "inactive"} data-testid="share-link-row" data-link-id={l.id} data-status={status}>
                  <td>
                    <code title="The start of the link's token">/r/{l.token_prefix}…</code>
                  </td>
                  <td>{l.role === "comment" ? "Comment" : "View"}</td>
                  <td>{l.frozen_revision ? `r${l.frozen_revision} (frozen)` : "Latest"}</td>
                  <td title={l.expires_at ? fullTime(l.expires_at) : undefined}>{l.expires_at ? new Date(l.expires_at).toLocaleDateString() : "Never"}</td>
                  <td>
                    <span className={`status-dot ${status}`} aria-hidden="true" />
                    {status === "active" ? "Active" : status === "revoked" ? "Revoked" : "Expired"}
                  </td>
                  <td>
                    {status === "active" && confirming !== l.id && (
                      <button type="button" className="btn btn-sm" onClick={() => setConfirming(l.id)} data-testid="share-revoke">
                        Revoke
                      </button>
                    )}
                    {status === "active" && confirming === l.id && (
                      <span className="revoke-confirm" role="group" aria-label="Revoke this link?" data-testid="share-revoke-ask">
                        <span className="small">Reviewers lose access.</span>
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
                          Revoke link
                        </button>
                        <button type="button" className="btn btn-sm" onClick={() => setConfirming(null)} data-testid="share-revoke-cancel">
                          Keep
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
    </Dialog>
  );
}
