import { ReactFlowProvider } from "@xyflow/react";
import { useEffect, useState } from "react";
import { fetchCatalog } from "../api/catalog";
import { ApiError, get } from "../api/client";
import { fetchRules } from "../api/rules";
import type { Report } from "../api/validate";
import type { Boot } from "../boot";
import { Canvas } from "../canvas/Canvas";
import { AppHeader } from "../components/AppHeader";
import { CountBadges } from "../components/CountBadges";
import { Catalog } from "../document/catalog";
import type { Document } from "../document/types";
import { FindingsPanel } from "../panels/FindingsPanel";
import { useUi } from "../store/uiStore";
import { editorStore, useEditor } from "../store/useEditor";

interface Review {
  document: Document;
  findings: Report;
  comments: unknown[];
  role: "view" | "comment";
}

/** A shared diagram, read-only: the canvas and its findings. */
export default function ReviewPage({ boot, token }: { boot: Boot; token: string }) {
  const [error, setError] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const name = useEditor((s) => s.doc.name);
  const counts = useEditor((s) => s.report?.counts);
  useEffect(() => {
    Promise.all([fetchCatalog(), get<Review>(`/api/review/${encodeURIComponent(token)}/`), fetchRules().catch(() => [])])
      .then(([catalogJson, review, rules]) => {
        const s = editorStore.getState();
        s.setCatalog(new Catalog(catalogJson));
        s.setRules(rules);
        s.load(review.document, null, 0, { readOnly: true });
        s.setReport(review.findings);
        useUi.getState().set({ validation: "ok", showMinimap: false });
        setReady(true);
      })
      .catch((e) => setError(e instanceof ApiError && e.status === 404 ? "This review link is invalid, revoked or expired." : String(e)));
  }, [token]);
  return (
    <ReactFlowProvider>
      <div className="app editor review">
        <AppHeader boot={boot}>
          <div className="toolbar">
            <strong className="review-name">{name}</strong>
            <CountBadges counts={counts} />
            <span className="muted small">Read-only review</span>
          </div>
        </AppHeader>
        {error ? (
          <main className="list-page">
            <div className="banner banner-error" role="alert">
              {error}
            </div>
          </main>
        ) : (
          <div className="editor-body">
            <main className="canvas-wrap">{ready ? <Canvas /> : <div className="page-loading">Loading…</div>}</main>
            <aside className="side-panel" aria-label="Findings">
              <div className="tab-panel">
                <FindingsPanel />
              </div>
            </aside>
          </div>
        )}
      </div>
    </ReactFlowProvider>
  );
}
