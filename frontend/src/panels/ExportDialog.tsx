import { useEffect, useRef, useState } from "react";
import { ApiError } from "../api/client";
import { fetchExport, type IacFormat } from "../api/iac";
import { runRender } from "../api/renderJob";
import type { Render, RenderOptions } from "../api/renders";
import { Dialog } from "../components/Dialog";
import { downloadBlob, safeFilename } from "../components/format";
import { editorStore } from "../store/useEditor";
import { useTranslation } from "react-i18next";

/** Names and hints are export.iac.<key> and export.format.<key> in the message catalogs. */
const IAC_FORMATS: IacFormat[] = ["sam", "drawio"];
const FORMATS: RenderOptions["format"][] = ["png", "svg", "pdf"];

/**
 * Export: a picture of the saved diagram through the render API (so it saves first), with its
 * options (format, scale, background, layout) and a preview of the file the server drew; the
 * `diagrams` script; the JSON document. A refused render (a PNG too large to be readable)
 * shows the server's reason, which points to SVG or PDF. Infrastructure as code: the saved
 * diagram as a SAM template or a draw.io file (GET /api/diagrams/{id}/export/{sam|drawio}), with
 * the server's reason in words when it cannot be written.
 */
export function ExportDialog({ onClose, flushSave }: { onClose: () => void; flushSave: () => Promise<boolean> }) {
  const [options, setOptions] = useState<RenderOptions>({ format: "png", layout: "canvas", scale: 2, transparent: false });
  const [job, setJob] = useState<{ options: RenderOptions; render: Render | null; error?: string } | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);
  const { t } = useTranslation();
  const set = (patch: Partial<RenderOptions>) => setOptions((o) => ({ ...o, ...patch }));
  const name = () => editorStore.getState().doc.name ?? "diagram";

  const render = async () => {
    const { diagramId } = editorStore.getState();
    if (diagramId === null) return;
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const opts = { ...options };
    setJob({ options: opts, render: null });
    if (!(await flushSave())) {
      setJob({ options: opts, render: null, error: t("export.saveFirst") });
      return;
    }
    try {
      const done = await runRender(diagramId, opts, (r) => setJob({ options: opts, render: r }), controller.signal);
      if (done.status === "done" && done.url) setJob({ options: opts, render: done });
      else setJob({ options: opts, render: done, error: done.error || t("export.renderFailed") });
    } catch (e) {
      if ((e as Error).name === "AbortError") return;
      setJob({ options: opts, render: null, error: e instanceof ApiError ? e.detail : String(e) });
    }
  };

  const [iac, setIac] = useState<{ format: IacFormat; busy: boolean; error?: string; file?: string } | null>(null);
  const downloadIac = async (format: IacFormat) => {
    const { diagramId } = editorStore.getState();
    if (diagramId === null) return;
    setIac({ format, busy: true });
    if (!(await flushSave())) {
      setIac({ format, busy: false, error: t("export.saveFirst") });
      return;
    }
    try {
      const { blob, filename } = await fetchExport(diagramId, format);
      downloadBlob(blob, filename);
      setIac({ format, busy: false, file: filename });
    } catch (e) {
      setIac({ format, busy: false, error: e instanceof ApiError ? e.detail : String(e) });
    }
  };

  const downloadJson = () => {
    const { doc } = editorStore.getState();
    downloadBlob(new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" }), safeFilename(name(), "json"));
  };

  const status = job?.render?.status;
  const busy = !!job && !job.error && status !== "done";
  const diagramId = editorStore.getState().diagramId;
  const done = job && !job.error && status === "done" && job.render?.url ? job : null;
  return (
    <Dialog title={t("toolbar.export")} onClose={onClose} wide testId="export-dialog">
      <div className="export-grid">
        <div className="export-form">
          <fieldset className="export-field">
            <legend>{t("export.formatLegend")}</legend>
            <div className="segmented">
              {FORMATS.map((f) => (
                <label key={f} className={options.format === f ? "checked" : ""} title={t(`export.format.${f}`)}>
                  <input type="radio" name="format" checked={options.format === f} onChange={() => set({ format: f })} data-testid={`export-format-${f}`} />
                  {f.toUpperCase()}
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset className="export-field" disabled={options.format !== "png"}>
            <legend>{t("export.scale")}</legend>
            <div className="segmented">
              {([1, 2, 3] as const).map((n) => (
                <label key={n} className={options.scale === n ? "checked" : ""}>
                  <input type="radio" name="scale" checked={options.scale === n} onChange={() => set({ scale: n })} data-testid={`export-scale-${n}`} />
                  {n}x
                </label>
              ))}
            </div>
            <span className="muted small">{options.format === "png" ? t("export.scaleHelp") : t("export.vectorHelp")}</span>
          </fieldset>
          <fieldset className="export-field">
            <legend>{t("export.layout")}</legend>
            <label className="export-radio">
              <input type="radio" name="layout" checked={options.layout === "canvas"} onChange={() => set({ layout: "canvas" })} data-testid="export-layout-canvas" />
              {t("export.layoutCanvas")} <span className="muted small">{t("export.layoutCanvasHelp")}</span>
            </label>
            <label className="export-radio">
              <input type="radio" name="layout" checked={options.layout === "auto"} onChange={() => set({ layout: "auto" })} data-testid="export-layout-auto" />
              {t("export.layoutAuto")} <span className="muted small">{t("export.layoutAutoHelp")}</span>
            </label>
          </fieldset>
          <label className="export-radio">
            <input type="checkbox" checked={options.transparent} onChange={(e) => set({ transparent: e.target.checked })} data-testid="export-transparent" />
            {t("export.transparent")}
          </label>
          <div className="export-actions">
            <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void render()} data-testid="export-render">
              {busy ? t("export.rendering") : t("export.render", { format: options.format.toUpperCase() })}
            </button>
            {done && (
              <a
                className="btn"
                href={done.render!.url!}
                download={safeFilename(name(), done.options.format)}
                data-testid="export-link"
              >
                {t("export.download", { format: done.options.format.toUpperCase() })}
              </a>
            )}
          </div>
          <fieldset className="export-field export-iac">
            <legend>{t("export.iacLegend")}</legend>
            <div className="export-actions">
              {IAC_FORMATS.map((f) => (
                <button
                  key={f}
                  type="button"
                  className="btn btn-sm"
                  title={t(`export.iac.${f}.hint`)}
                  disabled={diagramId === null || iac?.busy}
                  onClick={() => void downloadIac(f)}
                  data-testid={`export-${f}`}
                >
                  {iac?.busy && iac.format === f ? t("export.exporting") : t(`export.iac.${f}.label`)}
                </button>
              ))}
            </div>
            {iac?.file && (
              <span className="muted small" role="status" data-testid="export-iac-done">
                ✓ {t("export.downloaded", { file: iac.file })}
              </span>
            )}
            {iac?.error && (
              <div className="banner banner-error" role="alert" data-testid="export-iac-error" data-format={iac.format}>
                {t("export.iacFailed", { format: t(`export.iac.${iac.format}.label`), error: iac.error })}
              </div>
            )}
          </fieldset>
          <div className="export-more">
            {diagramId !== null && (
              <a href={`/api/diagrams/${diagramId}/export/diagrams.py`} download={safeFilename(name(), "py")} data-testid="export-diagrams-script">
                {t("export.script")}
              </a>
            )}
            <button type="button" className="link-btn" onClick={downloadJson} data-testid="export-json">
              {t("export.json")}
            </button>
          </div>
        </div>
        <div className="export-preview" data-testid="export-preview-box">
          {!job && <p className="muted">{t("export.empty")}</p>}
          {job && (
            <div className="export-status" role="status" data-testid="export-status" data-status={job.error ? "failed" : (status ?? "saving")}>
              {job.error ? (
                <div className="banner banner-error" data-testid="export-error">
                  {job.error}
                  {job.options.format === "png" && (
                    <div className="export-alternatives">
                      <button type="button" className="btn btn-sm" onClick={() => set({ format: "svg" })} data-testid="export-try-svg">
                        {t("export.useFormat", { format: "SVG" })}
                      </button>
                      <button type="button" className="btn btn-sm" onClick={() => set({ format: "pdf" })}>
                        {t("export.useFormat", { format: "PDF" })}
                      </button>
                    </div>
                  )}
                </div>
              ) : status === "done" ? null : (
                <>
                  <span className="spinner" aria-hidden="true" />
                  {status === "running" ? t("export.rendering") : status === "pending" ? t("export.waiting") : t("save.saving")}
                  <progress className="progress" max={3} value={status === "running" ? 2 : status === "pending" ? 1 : 0} />
                </>
              )}
            </div>
          )}
          {done &&
            (done.options.format === "pdf" ? (
              <p className="export-pdf-ready" data-testid="export-preview">
                ✓ {t("export.pdfReady", { kb: Math.max(1, Math.round((done.render!.size_bytes ?? 0) / 1024)) })}
              </p>
            ) : (
              <img src={done.render!.url!} alt={t("export.previewAlt")} className={`export-preview-file ${done.options.transparent ? "checker" : ""}`} data-testid="export-preview" />
            ))}
        </div>
      </div>
    </Dialog>
  );
}
