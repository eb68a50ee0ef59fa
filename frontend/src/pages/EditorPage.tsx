import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { lazy, Suspense, useCallback, useEffect, useState } from "react";
import { ApiError } from "../api/client";
import { createDiagram, getDiagram, type Diagram } from "../api/diagrams";
import type { Boot } from "../boot";
import { Canvas } from "../canvas/Canvas";
import { isDragging } from "../canvas/placementHighlight";
import { AppHeader } from "../components/AppHeader";
import { Catalog } from "../document/catalog";
import { useDocumentSync } from "../hooks/useDocumentSync";
import { useKeyboardShortcuts } from "../hooks/useKeyboardShortcuts";
import { Palette } from "../palette/Palette";
import { ConflictDialog } from "../panels/ConflictDialog";
import { SidePanel } from "../panels/SidePanel";
import { CanvasTools, Toolbar } from "../panels/Toolbar";
import { diagramSocket, openDiagramSocket } from "../realtime/socket";
import { useOwnerComments } from "../review/useOwnerComments";
import { useUi } from "../store/uiStore";
import { fitViewOptions } from "../store/commands";
import { editorData } from "../store/preload";
import { routeInBackground } from "../store/backgroundRoutes";
import { editorStore } from "../store/useEditor";
import { editorUrl } from "./ListPage";
import { useTranslation } from "react-i18next";
import { fetchCatalog } from "../api/catalog";
import { fetchRules } from "../api/rules";
import { onLanguageChanged } from "../i18n";
import { useEditor } from "../store/useEditor";
import { collabUrl } from "../collab/client";
import { PresenceBar, PresenceLayer } from "../collab/Presence";
import { liveSession, openLiveSession, useLive } from "../collab/session";
import { emptyDocument, normalizeDocument } from "../document/types";

// Dialogs that are not needed before the first click load on demand.
const ExportDialog = lazy(() => import("../panels/ExportDialog").then((m) => ({ default: m.ExportDialog })));
const ImportDialog = lazy(() => import("../panels/ImportDialog").then((m) => ({ default: m.ImportDialog })));
const ShareDialog = lazy(() => import("../panels/ShareDialog").then((m) => ({ default: m.ShareDialog })));
const HelpDialog = lazy(() => import("../panels/HelpDialog").then((m) => ({ default: m.HelpDialog })));

export default function EditorPage({ boot, diagramId }: { boot: Boot; diagramId: number }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  const role = boot.role;
  useEffect(() => {
    let cancelled = false;
    const live = () =>
      openLiveSession(editorStore, {
        url: collabUrl({ diagramId }),
        diagramId,
        readOnly: role === "viewer",
        catalog: () => editorStore.getState().catalog,
        busy: isDragging,
        onLive: () => {
          if (cancelled) return;
          routeInBackground(editorStore, undefined, isDragging);
          setReady(true);
        },
      });
    if (role === "owner") {
      editorData(diagramId)
        .then(([catalogJson, diagram, rules]) => {
          if (cancelled) return;
          const s = editorStore.getState();
          s.setCatalog(new Catalog(catalogJson));
          s.setRules(rules);
          s.load(diagram.document, diagram.id, diagram.revision);
          routeInBackground(editorStore, undefined, isDragging); // what the load did not route, after the first paint
          s.setReport(diagram.findings ?? null);
          useUi.getState().set({ validation: diagram.findings ? "ok" : "idle" });
          document.title = `${diagram.name} · Serverless Builder`;
          setReady(true);
          live(); // joins the live session; until it syncs, the editor autosaves as without one
        })
        .catch((e) => !cancelled && setError(e instanceof ApiError ? e.detail : String(e)));
    } else {
      // A member: the REST API is the owner's; the document comes from the live session.
      Promise.all([fetchCatalog(), fetchRules().catch(() => null)])
        .then(([catalogJson, rules]) => {
          if (cancelled) return;
          const s = editorStore.getState();
          s.setCatalog(new Catalog(catalogJson));
          if (rules) s.setRules(rules);
          s.load(emptyDocument(""), diagramId, 0, { readOnly: true });
          live();
        })
        .catch((e) => !cancelled && setError(e instanceof ApiError ? e.detail : String(e)));
    }
    const socket = role === "owner" ? openDiagramSocket(diagramId) : null; // render and save events: the owner's
    return () => {
      cancelled = true;
      socket?.close();
      liveSession()?.close();
    };
  }, [diagramId, role]);

  if (error) {
    return (
      <div className="app">
        <AppHeader boot={boot} />
        <div className="list-page">
          <h1 className="sr-only">{t("editor.openFailedTitle")}</h1>
          <div className="banner banner-error" role="alert">
            {t("editor.openFailed", { error })}
          </div>
          <a href="/" className="btn">
            {t("editor.back")}
          </a>
        </div>
      </div>
    );
  }
  return (
    <ReactFlowProvider>
      <Editor boot={boot} ready={ready} />
    </ReactFlowProvider>
  );
}

function Editor({ boot, ready }: { boot: Boot; ready: boolean }) {
  const { autosaver, validator } = useDocumentSync(ready);
  const dialog = useUi((s) => s.dialog);
  const conflict = useUi((s) => s.conflict);
  const toast = useUi((s) => s.toast);
  const remoteRevision = useUi((s) => s.remoteRevision);
  const setUi = useUi((s) => s.set);
  const name = useEditor((s) => s.doc.name);
  const { fitView } = useReactFlow();
  const { t } = useTranslation();

  const flushSave = useCallback(async () => {
    if (useLive.getState().on) return (await liveSession()?.flushed()) ?? true;
    await autosaver.flush();
    return !autosaver.dirty;
  }, [autosaver]);
  const { screenToFlowPosition } = useReactFlow();

  // In a live session the save status is the session's: saved once the server stored it all.
  useEffect(
    () =>
      useLive.subscribe((l) => {
        if (!l.on) return;
        autosaver.reset();
        const saveStatus = l.pending && l.status !== "synced" ? "dirty" : l.pending || l.unwritten ? "saving" : "saved";
        if (useUi.getState().saveStatus !== saveStatus) setUi({ saveStatus, saveError: null });
      }),
    [autosaver, setUi],
  );

  // Presence: the field being edited is the selected node's while focus is in its panel.
  useEffect(() => {
    const onFocus = () => {
      const inPanel = document.activeElement?.closest('[data-testid="node-props"]');
      const id = inPanel?.getAttribute("data-node-id") ?? null;
      liveSession()?.setEditing(id);
    };
    document.addEventListener("focusin", onFocus);
    document.addEventListener("focusout", onFocus);
    return () => {
      document.removeEventListener("focusin", onFocus);
      document.removeEventListener("focusout", onFocus);
    };
  }, []);
  const saveNow = useCallback(() => void autosaver.flush(), [autosaver]);
  useKeyboardShortcuts(saveNow);

  // Another language: the catalog, the rules and the findings come again in it.
  useEffect(() => {
    if (!ready) return;
    return onLanguageChanged(() => {
      void Promise.all([fetchCatalog(), fetchRules().catch(() => null)]).then(([catalogJson, rules]) => {
        const s = editorStore.getState();
        s.setCatalog(new Catalog(catalogJson));
        if (rules) s.setRules(rules);
        void validator.run(s.doc);
      });
    });
  }, [ready, validator]);
  useOwnerComments(editorStore.getState().diagramId, ready && boot.role === "owner");

  // "Saved elsewhere" events (another tab, a collaborator) warn before a conflict happens.
  useEffect(() => {
    const socket = diagramSocket();
    if (!ready || !socket) return;
    return socket.subscribe((e) => {
      if (e.type !== "diagram.saved") return;
      const rev = Number((e as { revision: number }).revision);
      // Live: the session already holds every save (the server merges them); just note the revision.
      if (useLive.getState().on) {
        liveSession()?.revisionWritten();
        return editorStore.getState().setRevision(Math.max(rev, editorStore.getState().revision));
      }
      // Our own saves are announced too: wait for our PUT's answer before comparing.
      setTimeout(() => {
        if (rev > editorStore.getState().revision && useUi.getState().saveStatus !== "saving") setUi({ remoteRevision: rev });
      }, 1500);
    });
  }, [ready, setUi]);

  const loadDiagram = (d: Diagram) => {
    const s = editorStore.getState();
    if (useLive.getState().on) {
      // Live (a restore): the revision goes into the session as one change, for everyone.
      s.dispatch([{ op: "replace", doc: normalizeDocument(d.document) }]);
      s.setRevision(d.revision);
      setUi({ conflict: null, remoteRevision: null });
      return;
    }
    s.load(d.document, d.id, d.revision);
    liveSession()?.rebase(editorStore.getState().doc);
    routeInBackground(editorStore, undefined, isDragging);
    s.setReport(d.findings ?? null);
    autosaver.reset();
    setUi({ conflict: null, remoteRevision: null });
    void validator.run(d.document);
    setTimeout(() => void fitView(fitViewOptions()), 50);
  };

  return (
    <div className="app editor" data-testid="editor" data-ready={ready}>
      <h1 className="sr-only" data-testid="editor-title">
        {t("editor.title", { name: name || t("common.untitled") })}
      </h1>
      <AppHeader boot={boot} presence={<PresenceBar me={boot.me} />}>
        <Toolbar onSave={saveNow} />
      </AppHeader>
      <div className="editor-body">
        <Palette />
        <section
          className="canvas-wrap"
          aria-label={t("editor.canvas")}
          onPointerMove={(e) => liveSession()?.setPointer(screenToFlowPosition({ x: e.clientX, y: e.clientY }))}
          onPointerLeave={() => liveSession()?.setPointer(null)}
        >
          {ready ? (
            <>
              <Canvas />
              <PresenceLayer />
              <CanvasTools />
            </>
          ) : (
            <div className="page-loading">{t("editor.loadingDiagram")}</div>
          )}
        </section>
        <SidePanel onRestored={loadDiagram} />
      </div>
      {boot.role === "viewer" && (
        <div className="banner banner-info floating-banner" role="status" data-testid="view-only">
          {t("live.readOnly")}
        </div>
      )}
      {remoteRevision !== null && !conflict && (
        <div className="banner banner-info floating-banner" role="status" data-testid="remote-banner">
          {t("editor.remoteSaved", { n: remoteRevision })}
          <button
            type="button"
            className="btn btn-sm"
            onClick={async () => {
              const id = editorStore.getState().diagramId!;
              if (useLive.getState().on) {
                // Live: never replace the shared document; rejoin, and the server merges the save.
                liveSession()?.client.reconnect();
                editorStore.getState().setRevision(remoteRevision);
                return setUi({ remoteRevision: null });
              }
              await autosaver.flush();
              if (useUi.getState().conflict) return;
              loadDiagram(await getDiagram(id));
            }}
          >
            {t("editor.loadIt")}
          </button>
          <button type="button" className="icon-btn" aria-label={t("editor.dismiss")} onClick={() => setUi({ remoteRevision: null })}>
            ×
          </button>
        </div>
      )}
      <Suspense fallback={null}>
        {dialog === "help" && <HelpDialog onClose={() => setUi({ dialog: null })} />}
        {dialog === "export" && <ExportDialog onClose={() => setUi({ dialog: null })} flushSave={flushSave} />}
        {dialog === "share" && <ShareDialog onClose={() => setUi({ dialog: null })} flushSave={flushSave} />}
        {dialog === "import" && (
          <ImportDialog
            onClose={() => setUi({ dialog: null })}
            onNew={async (doc) => {
              const d = await createDiagram(doc);
              window.location.href = editorUrl(d.id);
            }}
            onReplace={(doc) => {
              const s = editorStore.getState();
              // Replacing is one undoable operation; the name stays the current diagram's.
              s.dispatch([{ op: "replace", doc: { ...doc, name: s.doc.name } }], { select: {} });
              setUi({ dialog: null });
              setTimeout(() => void fitView(fitViewOptions()), 50);
            }}
          />
        )}
      </Suspense>
      {conflict && (
        <ConflictDialog
          theirs={conflict}
          onLoadTheirs={() => loadDiagram(conflict)}
          onKeepMineAsCopy={async () => {
            const { doc } = editorStore.getState();
            const d = await createDiagram({ ...doc, name: t("editor.myCopy", { name: doc.name ?? t("common.untitled") }) });
            window.location.href = editorUrl(d.id);
          }}
        />
      )}
      {toast && (
        <div className={`toast toast-${toast.kind}`} role="status" data-testid="toast">
          {toast.text}
        </div>
      )}
    </div>
  );
}
