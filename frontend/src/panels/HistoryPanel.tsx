import { useCallback, useEffect, useState } from "react";
import { ApiError } from "../api/client";
import { listRevisions, restoreRevision, type Diagram, type RevisionSummary } from "../api/diagrams";
import { fullTime, timeAgo } from "../components/format";
import { useEditor } from "../store/useEditor";
import { useTranslation } from "react-i18next";

/** The diagram's saved revisions; restoring one saves it as a new revision. */
export function HistoryPanel({ onRestored }: { onRestored: (d: Diagram) => void }) {
  const diagramId = useEditor((s) => s.diagramId);
  const revision = useEditor((s) => s.revision);
  const [revisions, setRevisions] = useState<RevisionSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const { t } = useTranslation();

  const load = useCallback(() => {
    if (diagramId === null) return;
    listRevisions(diagramId)
      .then((r) => setRevisions([...r].sort((a, b) => b.number - a.number)))
      .catch((e: ApiError) => setError(e.detail));
  }, [diagramId]);
  useEffect(load, [load, revision]);

  const restore = async (n: number) => {
    if (diagramId === null) return;
    setBusy(n);
    try {
      onRestored(await restoreRevision(diagramId, n));
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : String(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="panel-section" data-testid="history-panel">
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      {!revisions && !error && <p className="muted">{t("history.loading")}</p>}
      <ol className="revision-list">
        {revisions?.map((r) => (
          <li key={r.number} className={r.number === revision ? "current" : ""} data-testid="revision">
            <div>
              <strong>{t("history.revision", { n: r.number })}</strong>
              {r.number === revision && <span className="pill pill-ok">{t("history.current")}</span>}
              {r.summary && (
                <div className="revision-summary small" data-testid="revision-summary">
                  {r.summary}
                </div>
              )}
              <div className="muted small" title={fullTime(r.created_at)} data-testid="revision-meta">
                {timeAgo(r.created_at)}
                {r.author ? ` · ${r.author}` : ""}
                {r.reason && r.reason !== "save" ? ` · ${t(`history.reason.${r.reason}`, { defaultValue: r.reason })}` : ""}
              </div>
            </div>
            {r.number !== revision && (
              <button type="button" className="btn btn-sm" disabled={busy !== null} onClick={() => void restore(r.number)}>
                {busy === r.number ? t("history.restoring") : t("history.restore")}
              </button>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
