import { useReactFlow } from "@xyflow/react";
import { useState } from "react";
import { runAutoLayout } from "../store/commands";
import { useUi } from "../store/uiStore";
import { useEditor } from "../store/useEditor";

const SAVE_TEXT = {
  saved: "All changes saved",
  dirty: "Unsaved changes",
  saving: "Saving…",
  error: "Not saved",
  conflict: "Conflict: not saved",
} as const;

/** The editor's top bar: name, save state, undo/redo, layout, view toggles, import/export, help. */
export function Toolbar({ onSave }: { onSave: () => void }) {
  const name = useEditor((s) => s.doc.name);
  const canUndo = useEditor((s) => s.history.undo.length > 0);
  const canRedo = useEditor((s) => s.history.redo.length > 0);
  const undo = useEditor((s) => s.undo);
  const redo = useEditor((s) => s.redo);
  const dispatch = useEditor((s) => s.dispatch);
  const readOnly = useEditor((s) => s.readOnly);
  const saveStatus = useUi((s) => s.saveStatus);
  const saveError = useUi((s) => s.saveError);
  const snap = useUi((s) => s.snap);
  const strict = useUi((s) => s.strict);
  const showMinimap = useUi((s) => s.showMinimap);
  const ui = useUi();
  const { fitView } = useReactFlow();
  const [laying, setLaying] = useState(false);

  return (
    <div className="toolbar" role="toolbar" aria-label="Editor">
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
        {SAVE_TEXT[saveStatus]}
      </button>
      <span className="toolbar-sep" />
      <div className="btn-group">
        <button type="button" className="tool-btn" onClick={undo} disabled={!canUndo} title="Undo (Ctrl+Z)" aria-label="Undo" data-testid="undo">
          ↶
        </button>
        <button type="button" className="tool-btn" onClick={redo} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)" aria-label="Redo" data-testid="redo">
          ↷
        </button>
      </div>
      <button
        type="button"
        className="tool-btn wide"
        disabled={laying || readOnly}
        onClick={async () => {
          setLaying(true);
          try {
            if (await runAutoLayout()) setTimeout(() => void fitView({ padding: 0.15, duration: 300 }), 30);
          } finally {
            setLaying(false);
          }
        }}
        title="Arrange automatically (L)"
        data-testid="auto-layout"
      >
        {laying ? "Arranging…" : "Auto layout"}
      </button>
      <button type="button" className="tool-btn wide" onClick={() => void fitView({ padding: 0.15, duration: 300 })} title="Fit view (Shift+1)">
        Fit
      </button>
      <label className="toggle" title="Snap to a 16 px grid (G)">
        <input type="checkbox" checked={snap} onChange={ui.toggleSnap} /> Snap
      </label>
      <label className="toggle" title="Refuse connections AWS does not support instead of drawing and flagging them">
        <input type="checkbox" checked={strict} onChange={ui.toggleStrict} data-testid="strict-toggle" /> Strict connections
      </label>
      <label className="toggle" title="Show the minimap">
        <input type="checkbox" checked={showMinimap} onChange={() => ui.set({ showMinimap: !showMinimap })} /> Minimap
      </label>
      <span className="toolbar-spacer" />
      <button type="button" className="btn btn-sm" onClick={() => ui.set({ dialog: "import" })} data-testid="open-import">
        Import
      </button>
      <button type="button" className="btn btn-primary btn-sm" onClick={() => ui.set({ dialog: "export" })} data-testid="open-export">
        Export
      </button>
      <button type="button" className="tool-btn" onClick={() => ui.set({ dialog: "help" })} title="Keyboard shortcuts (?)" aria-label="Help" data-testid="open-help">
        ?
      </button>
    </div>
  );
}
