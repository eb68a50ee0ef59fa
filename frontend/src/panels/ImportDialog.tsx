import { useState } from "react";
import { ApiError, type Problem } from "../api/client";
import { importSource, type ImportNote } from "../api/iac";
import { validateDocument, type Report } from "../api/validate";
import { CountBadges } from "../components/CountBadges";
import { Dialog } from "../components/Dialog";
import type { Document } from "../document/types";
import { useTranslation } from "react-i18next";

/** What the file is: one of our documents, or something the server turns into one. */
function isDocument(parsed: unknown): boolean {
  const d = (parsed && typeof parsed === "object" && "document" in parsed ? (parsed as { document: unknown }).document : parsed) as Record<string, unknown> | null;
  return !!d && typeof d === "object" && "schema" in d && Array.isArray(d.nodes);
}


/**
 * Import a JSON document, a SAM/CloudFormation template (YAML or JSON) or a draw.io file:
 * templates and draw.io files go through POST /api/import/ (which reports what it could not
 * draw); the document is validated on the server, then becomes a new diagram or (in the
 * editor) replaces the open one.
 */
export function ImportDialog({
  onClose,
  onNew,
  onReplace,
}: {
  onClose: () => void;
  onNew: (doc: Document) => Promise<void>;
  onReplace?: (doc: Document) => void;
}) {
  const [doc, setDoc] = useState<Document | null>(null);
  const [fileName, setFileName] = useState("");
  const [report, setReport] = useState<Report | null>(null);
  const [notes, setNotes] = useState<ImportNote[]>([]);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation();

  const read = async (file: File) => {
    setDoc(null);
    setReport(null);
    setNotes([]);
    setProblems([]);
    setError(null);
    setFileName(file.name);
    const text = await file.text();
    let parsed: unknown = undefined;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Not JSON: a YAML template or a draw.io file, for the server to read.
    }
    setBusy(true);
    try {
      let candidate: Document;
      if (parsed !== undefined && isDocument(parsed)) {
        // An exported document or an API diagram ({"document": ...}).
        candidate = (parsed && typeof parsed === "object" && "document" in parsed ? (parsed as { document: unknown }).document : parsed) as Document;
      } else {
        const imported = await importSource(text, file.name);
        candidate = imported.document;
        setNotes(imported.report);
      }
      setReport(await validateDocument(candidate));
      setDoc(candidate);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        setError(e.detail || t("import.notValid"));
        setProblems(e.problems);
      } else {
        setError(e instanceof ApiError ? e.detail : String(e));
      }
    } finally {
      setBusy(false);
    }
  };

  const create = async () => {
    if (!doc) return;
    setBusy(true);
    try {
      await onNew({ ...doc, name: doc.name || fileName.replace(/\.(json|ya?ml|drawio)$/i, "") });
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : String(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t("import.title")}
      onClose={onClose}
      testId="import-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t("common.cancel")}
          </button>
          {onReplace && (
            <button
              type="button"
              className="btn"
              disabled={!doc || busy}
              onClick={() => {
                if (doc) onReplace(doc);
              }}
              data-testid="import-replace"
            >
              {t("import.replace")}
            </button>
          )}
          <button type="button" className="btn btn-primary" disabled={!doc || busy} onClick={() => void create()} data-testid="import-new">
            {t("import.createNew")}
          </button>
        </>
      }
    >
      <label className="field">
        <span className="field-label">{t("import.fileLabel")}</span>
        <input
          type="file"
          accept="application/json,.json,.yaml,.yml,.template,.drawio,.xml"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void read(f);
          }}
          data-testid="import-file"
        />
      </label>
      {busy && <p className="muted">{t("import.checking")}</p>}
      {report && doc && (
        <div className="import-summary" data-testid="import-summary">
          <p>
            <strong>{doc.name || fileName}</strong>: {t("import.summary", { nodes: t("props.components", { count: doc.nodes.length }), edges: t("props.connections", { count: doc.edges?.length ?? 0 }) })}
          </p>
          <CountBadges counts={report.counts} />
        </div>
      )}
      {notes.length > 0 && (
        <div className="import-report" data-testid="import-report">
          <p className="muted">
            {t("import.notesSummary", { notDrawn: notes.filter((n) => n.status === "not_drawn").length, folded: notes.filter((n) => n.status === "folded").length })}
          </p>
          <ul className="problem-list">
            {notes.slice(0, 50).map((n, i) => (
              <li key={i} data-testid="import-note">
                {n.line != null && <code>{t("import.line", { n: n.line })}</code>} <strong>{n.logical_id ?? ""}</strong> {n.type && <span className="muted">{n.type}</span>} {t(`import.status.${n.status}`)}: {n.message}
              </li>
            ))}
            {notes.length > 50 && <li className="muted">{t("common.andMore", { count: notes.length - 50 })}</li>}
          </ul>
        </div>
      )}
      {error && (
        <div className="banner banner-error" role="alert">
          {error}
        </div>
      )}
      {problems.length > 0 && (
        <ul className="problem-list">
          {problems.slice(0, 20).map((p, i) => (
            <li key={i}>
              <code>{p.pointer || "/"}</code> {p.message}
            </li>
          ))}
          {problems.length > 20 && <li className="muted">{t("common.andMore", { count: problems.length - 20 })}</li>}
        </ul>
      )}
    </Dialog>
  );
}
