import { useState } from "react";
import { ApiError } from "../api/client";
import type { Diagram } from "../api/diagrams";
import { Dialog } from "../components/Dialog";
import { downloadBlob, fullTime, safeFilename } from "../components/format";
import { editorStore } from "../store/useEditor";

/**
 * Someone saved this diagram since it was opened here. Nothing was overwritten and nothing
 * of the user's is lost: load theirs, or keep this version as a new diagram.
 */
export function ConflictDialog({
  theirs,
  onLoadTheirs,
  onKeepMineAsCopy,
}: {
  theirs: Diagram;
  onLoadTheirs: () => void;
  onKeepMineAsCopy: () => Promise<void>;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <Dialog
      title="This diagram was changed elsewhere"
      onClose={() => undefined}
      testId="conflict-dialog"
      footer={
        <>
          <button
            type="button"
            className="btn"
            onClick={() => {
              const { doc } = editorStore.getState();
              downloadBlob(new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" }), safeFilename(`${doc.name ?? "diagram"} (mine)`, "json"));
            }}
          >
            Download mine (JSON)
          </button>
          <button type="button" className="btn" onClick={onLoadTheirs} data-testid="conflict-load-theirs">
            Load theirs
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy}
            data-testid="conflict-keep-mine"
            onClick={async () => {
              setBusy(true);
              try {
                await onKeepMineAsCopy();
              } catch (e) {
                setError(e instanceof ApiError ? e.detail : String(e));
                setBusy(false);
              }
            }}
          >
            {busy ? "Saving copy…" : "Keep mine as a copy"}
          </button>
        </>
      }
    >
      <p>
        Revision {theirs.revision} was saved {theirs.updated_at ? `at ${fullTime(theirs.updated_at)}` : "elsewhere"} while you were editing.
        Your changes are <strong>not lost</strong> and were not saved over it.
      </p>
      <ul>
        <li>
          <strong>Keep mine as a copy</strong> saves your version as a new diagram and opens it.
        </li>
        <li>
          <strong>Load theirs</strong> discards your unsaved changes here and shows revision {theirs.revision}.
        </li>
      </ul>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}
