import { useEffect, useRef, useState } from "react";
import { ApiError } from "../api/client";
import { runRender } from "../api/renderJob";
import type { Render, RenderFormat } from "../api/renders";
import { Dialog } from "../components/Dialog";
import { downloadBlob, safeFilename } from "../components/format";
import { editorStore } from "../store/useEditor";

/**
 * Export: PNG or SVG through the render API (the saved diagram, so it saves first), or the
 * JSON document itself.
 */
export function ExportDialog({ onClose, flushSave }: { onClose: () => void; flushSave: () => Promise<boolean> }) {
  const [job, setJob] = useState<{ format: RenderFormat; render: Render | null; error?: string } | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const render = async (format: RenderFormat) => {
    const { diagramId, doc } = editorStore.getState();
    if (diagramId === null) return;
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setJob({ format, render: null });
    if (!(await flushSave())) {
      setJob({ format, render: null, error: "Save the diagram first: it has unsaved changes that could not be saved." });
      return;
    }
    try {
      const done = await runRender(diagramId, format, (r) => setJob({ format, render: r }), controller.signal);
      if (done.status === "done" && done.url) {
        const a = document.createElement("a");
        a.href = done.url;
        a.download = safeFilename(doc.name ?? "diagram", format);
        document.body.appendChild(a);
        a.click();
        a.remove();
        setJob({ format, render: done });
      } else {
        setJob({ format, render: done, error: done.error || "The render failed." });
      }
    } catch (e) {
      if ((e as Error).name === "AbortError") return;
      setJob({ format, render: null, error: e instanceof ApiError ? e.detail : String(e) });
    }
  };

  const downloadJson = () => {
    const { doc } = editorStore.getState();
    downloadBlob(new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" }), safeFilename(doc.name ?? "diagram", "json"));
  };

  const status = job?.render?.status;
  const busy = job && !job.error && status !== "done";
  return (
    <Dialog title="Export" onClose={onClose} testId="export-dialog">
      <div className="export-options">
        <button type="button" className="export-option" disabled={!!busy} onClick={() => void render("png")} data-testid="export-png">
          <strong>PNG image</strong>
          <span className="muted small">For documents and slides</span>
        </button>
        <button type="button" className="export-option" disabled={!!busy} onClick={() => void render("svg")} data-testid="export-svg">
          <strong>SVG image</strong>
          <span className="muted small">Scalable, for the web</span>
        </button>
        <button type="button" className="export-option" onClick={downloadJson} data-testid="export-json">
          <strong>JSON document</strong>
          <span className="muted small">Re-import it here or use it with the CLI</span>
        </button>
      </div>
      {job && (
        <div className="export-status" role="status" data-testid="export-status" data-status={job.error ? "failed" : (status ?? "saving")}>
          {job.error ? (
            <span className="field-error">{job.error}</span>
          ) : status === "done" ? (
            <span>
              ✓ {job.format.toUpperCase()} ready.{" "}
              {job.render?.url && (
                <a href={job.render.url} download={safeFilename(editorStore.getState().doc.name ?? "diagram", job.format)} data-testid="export-link">
                  Download again
                </a>
              )}
            </span>
          ) : (
            <>
              <span className="spinner" aria-hidden="true" />
              {status === "running" ? "Rendering…" : status === "pending" ? "Waiting for the renderer…" : "Saving…"}
              <progress className="progress" max={3} value={status === "running" ? 2 : status === "pending" ? 1 : 0} />
            </>
          )}
        </div>
      )}
    </Dialog>
  );
}
