import { useCallback, useEffect, useRef, useState } from "react";
import { ApiError } from "../api/client";
import {
  createDiagram,
  deleteDiagram,
  duplicateDiagram,
  listDiagrams,
  renameDiagram,
  type DiagramSummary,
} from "../api/diagrams";
import { Dialog } from "../components/Dialog";
import { fullTime, timeAgo } from "../components/format";
import { CountBadges } from "../components/CountBadges";
import { ImportDialog } from "../panels/ImportDialog";
import { NewDiagramDialog } from "../panels/NewDiagramDialog";
import { useTranslation } from "react-i18next";

export const editorUrl = (id: number) => `/diagrams/${id}/`;

/** The user's diagrams: open, create (blank or from a starter), import, rename, duplicate, delete. */
export function ListPage() {
  const { t } = useTranslation();
  const [diagrams, setDiagrams] = useState<DiagramSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [renaming, setRenaming] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<DiagramSummary | null>(null);

  const refresh = useCallback(() => {
    listDiagrams()
      .then((d) => {
        setDiagrams(d);
        setError(null);
      })
      .catch((e: ApiError) => setError(e.detail));
  }, []);
  useEffect(refresh, [refresh]);

  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      refresh();
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : String(e));
    }
  };

  return (
    <div className="list-page">
      <div className="list-head">
        <div>
          <h1>{t("list.title")}</h1>
          <p className="muted">{t("list.lead")}</p>
        </div>
        <div className="list-actions">
          <button type="button" className="btn" onClick={() => setImporting(true)} data-testid="import-diagram">
            {t("list.importJson")}
          </button>
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} data-testid="new-diagram">
            {t("list.newDiagram")}
          </button>
        </div>
      </div>
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      {diagrams === null && !error && <p className="muted">{t("app.loading")}</p>}
      {diagrams && diagrams.length === 0 && (
        <div className="empty-state">
          <h2>{t("list.emptyTitle")}</h2>
          <p className="muted">{t("list.emptyLead")}</p>
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)}>
            {t("list.createFirst")}
          </button>
        </div>
      )}
      {diagrams && diagrams.length > 0 && (
        <table className="diagram-table" data-testid="diagram-list">
          <thead>
            <tr>
              <th scope="col">{t("list.colName")}</th>
              <th scope="col">{t("list.colFindings")}</th>
              <th scope="col">{t("list.colUpdated")}</th>
              <th scope="col">
                <span className="sr-only">{t("list.colActions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {diagrams.map((d) => (
              <tr key={d.id} data-testid="diagram-row">
                <td>
                  <div className="name-cell">
                  {renaming === d.id ? (
                    <RenameField
                      initial={d.name}
                      onDone={(name) => {
                        setRenaming(null);
                        if (name && name !== d.name) void act(() => renameDiagram(d.id, name));
                      }}
                    />
                  ) : (
                    <a href={editorUrl(d.id)} className="diagram-link">
                      {d.name || t("common.untitled")}
                    </a>
                  )}
                  <span className="muted small">{t("list.revision", { n: d.revision })}</span>
                  </div>
                </td>
                <td>
                  <CountBadges counts={d.counts} />
                </td>
                <td title={fullTime(d.updated_at)}>{timeAgo(d.updated_at)}</td>
                <td className="row-actions">
                  <button type="button" className="btn btn-ghost btn-sm" onClick={() => setRenaming(d.id)}>
                    {t("list.rename")}
                  </button>
                  <button type="button" className="btn btn-ghost btn-sm" onClick={() => void act(() => duplicateDiagram(d.id))}>
                    {t("list.duplicate")}
                  </button>
                  <button type="button" className="btn btn-ghost btn-sm btn-danger" onClick={() => setDeleting(d)}>
                    {t("common.delete")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating && (
        <NewDiagramDialog
          onClose={() => setCreating(false)}
          onCreate={async (doc) => {
            const d = await createDiagram(doc);
            window.location.href = editorUrl(d.id);
          }}
        />
      )}
      {importing && (
        <ImportDialog
          onClose={() => setImporting(false)}
          onNew={async (doc) => {
            const d = await createDiagram(doc);
            window.location.href = editorUrl(d.id);
          }}
        />
      )}
      {deleting && (
        <Dialog
          title={t("list.deleteTitle")}
          onClose={() => setDeleting(null)}
          footer={
            <>
              <button type="button" className="btn" onClick={() => setDeleting(null)}>
                {t("common.cancel")}
              </button>
              <button
                type="button"
                className="btn btn-danger-solid"
                onClick={() => {
                  const d = deleting;
                  setDeleting(null);
                  void act(() => deleteDiagram(d.id));
                }}
              >
                {t("common.delete")}
              </button>
            </>
          }
        >
          <p>
            {t("list.deleteBody", { name: deleting.name, count: deleting.revision })}
          </p>
        </Dialog>
      )}
    </div>
  );
}

function RenameField({ initial, onDone }: { initial: string; onDone: (name: string | null) => void }) {
  const [value, setValue] = useState(initial);
  const ref = useRef<HTMLInputElement>(null);
  const { t } = useTranslation();
  useEffect(() => ref.current?.select(), []);
  return (
    <input
      ref={ref}
      className="input"
      aria-label={t("common.diagramName")}
      value={value}
      maxLength={200}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => onDone(value.trim())}
      onKeyDown={(e) => {
        if (e.key === "Enter") onDone(value.trim());
        if (e.key === "Escape") onDone(null);
      }}
    />
  );
}
