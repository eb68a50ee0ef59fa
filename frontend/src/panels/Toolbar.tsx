import { useReactFlow } from "@xyflow/react";
import { useState } from "react";
import { layoutFitOptions } from "../canvas/viewport";
import { fitViewOptions, runAutoLayout } from "../store/commands";
import { useUi } from "../store/uiStore";
import { editorStore, useEditor } from "../store/useEditor";
import { useTranslation } from "react-i18next";

/** The header part of the editor: name, save state, import/export, help. */
export function Toolbar({ onSave }: { onSave: () => void }) {
  const name = useEditor((s) => s.doc.name);
  const dispatch = useEditor((s) => s.dispatch);
  const readOnly = useEditor((s) => s.readOnly);
  const saveStatus = useUi((s) => s.saveStatus);
  const saveError = useUi((s) => s.saveError);
  const setUi = useUi((s) => s.set);
  const { t } = useTranslation();
  return (
    <div className="toolbar" role="toolbar" aria-label={t("toolbar.label")}>
      <a href="/" className="btn btn-ghost btn-sm" title={t("header.allDiagrams")}>
        ← {t("toolbar.diagrams")}
      </a>
      <input
        className="name-input"
        aria-label={t("common.diagramName")}
        value={name ?? ""}
        maxLength={200}
        disabled={readOnly}
        onChange={(e) => dispatch([{ op: "set_meta", set: { name: e.target.value } }], { key: "meta.name" })}
        data-testid="diagram-name"
      />
      <button
        type="button"
        className={`save-status save-${saveStatus}`}
        onClick={onSave}
        title={saveError ?? t("toolbar.saveNow")}
        data-testid="save-status"
        data-status={saveStatus}
      >
        <span className="save-dot" aria-hidden="true" />
        {saveStatus === "error" && saveError ? t("save.errorWith", { error: saveError.slice(0, 60) }) : t(`save.${saveStatus}`)}
      </button>
      <span className="toolbar-spacer" />
      <button type="button" className="btn btn-sm" onClick={() => setUi({ dialog: "import" })} data-testid="open-import">
        {t("toolbar.import")}
      </button>
      <button type="button" className="btn btn-sm" onClick={() => setUi({ dialog: "share" })} data-testid="open-share" title={t("toolbar.shareTitle")}>
        {t("toolbar.share")}
      </button>
      <button type="button" className="btn btn-primary btn-sm" onClick={() => setUi({ dialog: "export" })} data-testid="open-export">
        {t("toolbar.export")}
      </button>
      <button
        type="button"
        className="tool-btn"
        onClick={() => setUi({ dialog: "help" })}
        title={t("toolbar.shortcutsTitle")}
        aria-label={t("toolbar.shortcuts")}
        data-testid="open-help"
      >
        ?
      </button>
    </div>
  );
}

/** Tools floating over the canvas: undo/redo, layout, view toggles. */
export function CanvasTools() {
  const canUndo = useEditor((s) => s.history.undo.length > 0);
  const canRedo = useEditor((s) => s.history.redo.length > 0);
  const undo = useEditor((s) => s.undo);
  const redo = useEditor((s) => s.redo);
  const snap = useUi((s) => s.snap);
  const strict = useUi((s) => s.strict);
  const showMinimap = useUi((s) => s.showMinimap);
  const toggleMinimap = useUi((s) => s.toggleMinimap);
  const toggleSnap = useUi((s) => s.toggleSnap);
  const toggleStrict = useUi((s) => s.toggleStrict);
  const { fitView } = useReactFlow();
  const [laying, setLaying] = useState(false);
  const { t } = useTranslation();
  return (
    <div className="canvas-tools" role="toolbar" aria-label={t("tools.label")}>
      <div className="btn-group">
        <button type="button" className="ct-btn" onClick={undo} disabled={!canUndo} title={t("tools.undoTitle")} aria-label={t("tools.undo")} data-testid="undo">
          ↶
        </button>
        <button type="button" className="ct-btn" onClick={redo} disabled={!canRedo} title={t("tools.redoTitle")} aria-label={t("tools.redo")} data-testid="redo">
          ↷
        </button>
      </div>
      <span className="ct-sep" />
      <button
        type="button"
        className="ct-btn text"
        disabled={laying}
        onClick={async () => {
          setLaying(true);
          try {
            if (await runAutoLayout()) void fitView(layoutFitOptions(editorStore.getState().catalog));
          } finally {
            setLaying(false);
          }
        }}
        title={t("tools.autoLayoutTitle")}
        data-testid="auto-layout"
      >
        {laying ? t("tools.arranging") : t("tools.autoLayout")}
      </button>
      <button type="button" className="ct-btn text" onClick={() => void fitView(fitViewOptions())} title={t("tools.fitViewTitle")}>
        {t("tools.fitView")}
      </button>
      <span className="ct-sep" />
      <label className="ct-toggle" title={t("tools.snapTitle")}>
        <input type="checkbox" checked={snap} onChange={toggleSnap} /> {t("tools.snap")}
      </label>
      <label className="ct-toggle" title={t("tools.strictTitle")}>
        <input type="checkbox" checked={strict} onChange={toggleStrict} data-testid="strict-toggle" /> {t("tools.strict")}
      </label>
      <label className="ct-toggle" title={t("tools.minimapTitle")}>
        <input type="checkbox" checked={showMinimap} onChange={toggleMinimap} data-testid="toggle-minimap" /> {t("tools.minimap")}
      </label>
    </div>
  );
}
