import { useState } from "react";
import { ApiError, type Problem } from "../api/client";
import { validateDocument, type Report } from "../api/validate";
import { CountBadges } from "../components/CountBadges";
import { Dialog } from "../components/Dialog";
import type { Document } from "../document/types";

/**
 * Import a JSON document: parse, validate on the server, then create a new diagram with it
 * or (in the editor) replace the open one.
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
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const read = async (file: File) => {
    setDoc(null);
    setReport(null);
    setProblems([]);
    setError(null);
    setFileName(file.name);
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch (e) {
      setError(`This file is not JSON: ${(e as Error).message}`);
      return;
    }
    // Accept an exported document or an API diagram ({"document": ...}).
    const candidate = (parsed && typeof parsed === "object" && "document" in parsed ? (parsed as { document: unknown }).document : parsed) as Document;
    setBusy(true);
    try {
      setReport(await validateDocument(candidate));
      setDoc(candidate);
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) {
        setError(e.detail || "This is not a valid architecture document.");
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
      await onNew({ ...doc, name: doc.name || fileName.replace(/\.json$/i, "") });
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : String(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="Import a JSON document"
      onClose={onClose}
      testId="import-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
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
              Replace this diagram
            </button>
          )}
          <button type="button" className="btn btn-primary" disabled={!doc || busy} onClick={() => void create()} data-testid="import-new">
            Create new diagram
          </button>
        </>
      }
    >
      <label className="field">
        <span className="field-label">Document file (.json)</span>
        <input
          type="file"
          accept="application/json,.json"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void read(f);
          }}
          data-testid="import-file"
        />
      </label>
      {busy && <p className="muted">Checking…</p>}
      {report && doc && (
        <div className="import-summary" data-testid="import-summary">
          <p>
            <strong>{doc.name || fileName}</strong>: {doc.nodes.length} components, {doc.edges?.length ?? 0} connections.
          </p>
          <CountBadges counts={report.counts} />
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
          {problems.length > 20 && <li className="muted">…and {problems.length - 20} more</li>}
        </ul>
      )}
    </Dialog>
  );
}
