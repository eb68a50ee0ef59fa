import { useEffect, useMemo } from "react";
import { saveDiagram } from "../api/diagrams";
import { validateDocument } from "../api/validate";
import { flagMisplaced } from "../canvas/placementHighlight";
import { useLive } from "../collab/session";
import { diagramSocket } from "../realtime/socket";
import { Autosaver } from "../store/autosaver";
import { useUi } from "../store/uiStore";
import { editorStore } from "../store/useEditor";
import { VALIDATE_DEBOUNCE_MS, Validator } from "../store/validator";

/**
 * Live validation (300 ms after the last change) and autosave (1 s after it), both driven by
 * the editor store's document version; and resync: on every (re)connect the diagram's socket
 * hears the current revision, and a newer one than ours (saved while we were away, its
 * events lost) raises the "saved elsewhere" banner, which offers to load it.
 */
export function useDocumentSync(enabled: boolean) {
  const { validator, autosaver } = useMemo(() => {
    const ui = () => useUi.getState();
    const validator = new Validator({
      validate: (doc, signal) => validateDocument(doc, signal),
      delay: VALIDATE_DEBOUNCE_MS,
      onPending: () => ui().set({ validation: "pending" }),
      onResult: (r) => {
        if (r.report) editorStore.getState().setReport(r.report);
        flagMisplaced([]); // the server's findings (or none) replace the drop's mark
        ui().set({ validation: r.status, problems: r.problems, validationError: r.error ?? null });
      },
    });
    const autosaver = new Autosaver({
      save: (doc, revision) => {
        const viewport = useUi.getState().viewport;
        return saveDiagram(editorStore.getState().diagramId!, revision, viewport ? { ...doc, viewport } : doc);
      },
      current: () => {
        const s = editorStore.getState();
        return { doc: s.doc, version: s.version, revision: s.revision };
      },
      onSaved: (d) => {
        editorStore.getState().setRevision(d.revision);
        if (d.findings) editorStore.getState().setReport(d.findings);
      },
      onStatus: (status, error) => ui().set({ saveStatus: status, saveError: error ?? null }),
      onConflict: (theirs) => ui().set({ conflict: theirs }),
      delay: 1000,
    });
    return { validator, autosaver };
  }, []);

  useEffect(() => {
    if (!enabled) return;
    autosaver.reset();
    let last = editorStore.getState().doc;
    let lastVersion = editorStore.getState().version;
    const unsubscribe = editorStore.subscribe((s) => {
      if (s.doc === last) return;
      last = s.doc;
      // Routes computed in the background change the document, not its version: not an edit.
      if (s.version === lastVersion) return;
      lastVersion = s.version;
      if (s.validateNow === s.version) validator.now(s.doc);
      else validator.schedule(s.doc);
      // In a live session the server stores every change and writes the revisions.
      if (!s.readOnly && !useLive.getState().on) autosaver.changed();
    });
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if ((autosaver.dirty || useLive.getState().pending) && !editorStore.getState().readOnly) {
        void autosaver.flush();
        e.preventDefault();
      }
    };
    window.addEventListener("beforeunload", beforeUnload);
    const unsubscribeSocket = diagramSocket()?.subscribe((e) => {
      if (e.type !== "diagram.state") return;
      const revision = Number((e as { revision: number }).revision);
      // Live too: a save this editor's session may have missed (its announcement lost while the
      // server's channel layer was down) is worth saying; "Load it" then rejoins the session.
      if (revision > editorStore.getState().revision && useUi.getState().saveStatus !== "saving") {
        useUi.getState().set({ remoteRevision: revision });
      }
    });
    return () => {
      unsubscribe();
      unsubscribeSocket?.();
      window.removeEventListener("beforeunload", beforeUnload);
    };
  }, [enabled, validator, autosaver]);

  useEffect(
    () => () => {
      validator.dispose();
      autosaver.dispose();
    },
    [validator, autosaver],
  );

  return { validator, autosaver };
}
