import { useState } from "react";
import { ApiError } from "../api/client";
import type { Diagram } from "../api/diagrams";
import { Dialog } from "../components/Dialog";
import { downloadBlob, fullTime, safeFilename } from "../components/format";
import { editorStore } from "../store/useEditor";
import { useTranslation } from "react-i18next";

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
  const { t } = useTranslation();
  return (
    <Dialog
      title={t("conflict.title")}
      onClose={() => undefined}
      testId="conflict-dialog"
      footer={
        <>
          <button
            type="button"
            className="btn"
            onClick={() => {
              const { doc } = editorStore.getState();
              downloadBlob(new Blob([JSON.stringify(doc, null, 2)], { type: "application/json" }), safeFilename(t("conflict.mineFile", { name: doc.name ?? "diagram" }), "json"));
            }}
          >
            {t("conflict.download")}
          </button>
          <button type="button" className="btn" onClick={onLoadTheirs} data-testid="conflict-load-theirs">
            {t("conflict.loadTheirs")}
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
            {busy ? t("conflict.savingCopy") : t("conflict.keepMine")}
          </button>
        </>
      }
    >
      <p>
        {theirs.updated_at
          ? t("conflict.savedAt", { n: theirs.revision, time: fullTime(theirs.updated_at) })
          : t("conflict.savedElsewhere", { n: theirs.revision })}{" "}
        <strong>{t("conflict.notLost")}</strong>
      </p>
      <ul>
        <li>
          <strong>{t("conflict.keepMine")}</strong>: {t("conflict.keepMineHelp")}
        </li>
        <li>
          <strong>{t("conflict.loadTheirs")}</strong>: {t("conflict.loadTheirsHelp", { n: theirs.revision })}
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
