import { useReactFlow } from "@xyflow/react";
import { useState } from "react";
import { fitViewOptions, runAutoLayout } from "../store/commands";
import { useUi } from "../store/uiStore";
import { useEditor } from "../store/useEditor";

const SAVE_TEXT = {
  saved: "All changes saved",
  dirty: "Unsaved changes",
  saving: "Saving…",
  error: "Not saved",
  conflict: "Conflict: not saved",
} as const;

/** The header part of the editor: name, save state, import/export, help. */
export function Toolbar({ onSave }: { onSave: () => void }) {
  const name = useEditor((s) => s.doc.name);
  const dispatch = useEditor((s) => s.dispatch);
  const readOnly = useEditor((s) => s.readOnly);
  const saveStatus = useUi((s) => s.saveStatus);
  const saveError = useUi((s) => s.saveError);
  const setUi = useUi((s) => s.set);
  return (
    <div className="toolbar" role="toolbar" aria-label="Diagram">
      <a href="/" className="btn btn-ghost btn-sm" title="All diagrams">
        ← Diagrams
      </a>
      <input
        className="name-input"
        aria-label="Diagram name"
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
        title={saveError ?? "Save now (Ctrl+S)"}
        data-testid="save-status"
        data-status={saveStatus}
      >
        <span className="save-dot" aria-hidden="true" />
        {saveStatus === "error" && saveError ? `Not saved: ${saveError.slice(0, 60)}` : SAVE_TEXT[saveStatus]}
      </button>
      <span className="toolbar-spacer" />
      <button type="button" className="btn btn-sm" onClick={() => setUi({ dialog: "import" })} data-testid="open-import">
        Import
      </button>
      <button type="button" className="btn btn-sm" onClick={() => setUi({ dialog: "share" })} data-testid="open-share" title="Share a review link">
        Share
      </button>
      <button type="button" className="btn btn-primary btn-sm" onClick={() => setUi({ dialog: "export" })} data-testid="open-export">
        Export
      </button>
      <button
        type="button"
        className="tool-btn"
        onClick={() => setUi({ dialog: "help" })}
        title="Keyboard shortcuts (?)"
        aria-label="Keyboard shortcuts"
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
  return (
    <div className="canvas-tools" role="toolbar" aria-label="Canvas">
      <div className="btn-group">
        <button type="button" className="ct-btn" onClick={undo} disabled={!canUndo} title="Undo (Ctrl+Z)" aria-label="Undo" data-testid="undo">
          ↶
        </button>
        <button type="button" className="ct-btn" onClick={redo} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)" aria-label="Redo" data-testid="redo">
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
            if (await runAutoLayout()) setTimeout(() => void fitView(fitViewOptions()), 30);
          } finally {
            setLaying(false);
          }
        }}
        title="Arrange automatically (L)"
        data-testid="auto-layout"
      >
        {laying ? "Arranging…" : "Auto layout"}
      </button>
      <button type="button" className="ct-btn text" onClick={() => void fitView(fitViewOptions())} title="Fit the diagram in view (Shift+1)">
        Fit view
      </button>
      <span className="ct-sep" />
      <label className="ct-toggle" title="Snap to a 16 px grid (G)">
        <input type="checkbox" checked={snap} onChange={toggleSnap} /> Snap
      </label>
      <label className="ct-toggle" title="Refuse connections AWS does not support, instead of drawing and flagging them">
        <input type="checkbox" checked={strict} onChange={toggleStrict} data-testid="strict-toggle" /> Strict connections
      </label>
      <label className="ct-toggle" title="Show the minimap">
        <input type="checkbox" checked={showMinimap} onChange={toggleMinimap} data-testid="toggle-minimap" /> Minimap
      </label>
    </div>
  );
}
