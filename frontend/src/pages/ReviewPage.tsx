import { ReactFlowProvider, useNodesInitialized, useReactFlow } from "@xyflow/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { fetchCatalog } from "../api/catalog";
import { ApiError } from "../api/client";
import type { RenderFormat } from "../api/renders";
import { fetchRules } from "../api/rules";
import { getReview, getReviewRender, postReviewComment, startReviewRender, type Comment, type NewComment, type Review } from "../api/sharing";
import type { Finding } from "../api/validate";
import type { Boot } from "../boot";
import { Canvas } from "../canvas/Canvas";
import { AppHeader } from "../components/AppHeader";
import { CountBadges } from "../components/CountBadges";
import { safeFilename } from "../components/format";
import { Catalog } from "../document/catalog";
import type { Document } from "../document/types";
import { FindingsPanel } from "../panels/FindingsPanel";
import { changeCount, highlightCss } from "../review/changes";
import { ChangesPanel } from "../review/ChangesPanel";
import { CommentsPanel } from "../review/CommentsPanel";
import { useComments } from "../review/commentStore";
import { ReviewSocket, type ReviewEvent } from "../review/reviewSocket";
import { getReviewerName, getSeenRevision, setSeenRevision } from "../review/storage";
import { fitViewOptions } from "../store/commands";
import { useUi } from "../store/uiStore";
import { routeInBackground } from "../store/backgroundRoutes";
import { editorStore, useEditor } from "../store/useEditor";
import { useTranslation } from "react-i18next";
import { i18next, onLanguageChanged } from "../i18n";
import { SeverityCounts } from "../components/CountBadges";
import { collabUrl } from "../collab/client";
import { PresenceBar, PresenceLayer } from "../collab/Presence";
import { liveSession, openLiveSession, useLive } from "../collab/session";

type Meta = Omit<Review, "document" | "findings" | "comments">;
type Tab = "comments" | "findings" | "changes";

const POLL_MS = 5_000;
const POLL_WITH_SOCKET_MS = 20_000;

/** The reviewer's copy of the document: the owner's saved viewport is for the owner's screen. */
const withoutViewport = (doc: Document): Document => {
  const { viewport: _viewport, ...rest } = doc;
  return rest;
};

/**
 * A shared diagram at /r/{token}: the canvas read-only (select to comment; nothing moves),
 * its findings, the comments (on a comment link), what changed since the reviewer's last
 * comment, and PNG/SVG downloads. Live by socket, and by polling as a fallback.
 */
export default function ReviewPage({ boot, token }: { boot: Boot; token: string }) {
  return (
    <ReactFlowProvider>
      <ReviewScreen boot={boot} token={token} />
    </ReactFlowProvider>
  );
}

function ReviewScreen({ boot, token }: { boot: Boot; token: string }) {
  const [error, setError] = useState<string | null>(null);
  const [gone, setGone] = useState(false);
  const [meta, setMeta] = useState<Meta | null>(null);
  const [tab, setTab] = useState<Tab>("comments");
  const name = useEditor((s) => s.doc.name);
  const counts = useEditor((s) => s.report?.counts);
  const openThreads = useComments((s) => s.threads.filter((t) => !t.resolved).length);
  const metaRef = useRef<Meta | null>(null);
  const socketRef = useRef<ReviewSocket | null>(null);
  const { t } = useTranslation();

  /** The link no longer works: say so, and reload to the server's own page for it. */
  const linkGone = useCallback(() => {
    setGone(true);
    setTimeout(() => window.location.reload(), 600);
  }, []);

  const apply = useCallback((review: Review, first: boolean) => {
    const s = editorStore.getState();
    const prev = metaRef.current;
    // Live (a link that follows the diagram): the session has every edit already, newer than any revision.
    if (!useLive.getState().on && (first || !prev || prev.revision !== review.revision)) {
      s.load(withoutViewport(review.document), null, 0, { readOnly: true });
      // Edges saved without routes get the editor's routes (idle time): the owner's picture.
      routeInBackground(editorStore);
      s.setReport(review.findings);
    }
    useComments.getState().setAll(review.comments);
    const { document: _d, findings: _f, comments: _c, ...m } = review;
    metaRef.current = m;
    setMeta(m);
    document.title = `${i18next.t("review.docTitle", { name: review.name })} · Serverless Builder`;
  }, []);

  const refresh = useCallback(
    async (first = false) => {
      try {
        apply(await getReview(token, getSeenRevision(token)), first);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) linkGone();
        else if (first) throw e;
        // else: offline for a moment; the next poll tries again
      }
    },
    [token, apply, linkGone],
  );

  // First load, then the socket and the poll.
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = Date.now();
    Promise.all([fetchCatalog(), fetchRules().catch(() => [])])
      .then(async ([catalogJson, rules]) => {
        const s = editorStore.getState();
        s.setCatalog(new Catalog(catalogJson));
        s.setRules(rules);
        useUi.getState().set({ validation: "ok", showMinimap: false });
        await refresh(true);
        if (stopped) return;
        const m = metaRef.current;
        // A link that follows the diagram watches it live, read-only (a frozen one shows its revision).
        if (m && !m.frozen) {
          openLiveSession(editorStore, {
            url: collabUrl({ token }),
            diagramId: null,
            readOnly: true,
            catalog: () => editorStore.getState().catalog,
            view: withoutViewport,
            onLive: () => routeInBackground(editorStore),
          });
        }
        if (m && changeCount(m.changes) > 0) setTab("changes");
        else if (m?.role === "view" && !useComments.getState().comments.length) setTab("findings");
      })
      .catch((e) => !stopped && setError(e instanceof ApiError ? e.detail : String(e)));

    const socket = new ReviewSocket(token, (e: ReviewEvent) => {
      if (e.type === "comment.added" || e.type === "comment.updated") useComments.getState().upsert((e as { comment: Comment }).comment);
      else if (e.type === "diagram.saved") void refresh();
      else if (e.type === "link.revoked") linkGone();
    });
    socket.connect();
    socketRef.current = socket;
    const tick = () => {
      if (stopped) return;
      if (Date.now() - last >= (socket.open ? POLL_WITH_SOCKET_MS : POLL_MS) - 50 && document.visibilityState !== "hidden") {
        last = Date.now();
        void refresh();
      }
      timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, POLL_MS);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      socket.close();
      liveSession()?.close();
    };
  }, [token, refresh, linkGone]);

  // Another language: the catalog, the rules and the findings come again in it.
  useEffect(
    () =>
      onLanguageChanged(() => {
        void Promise.all([fetchCatalog(), fetchRules().catch(() => null), getReview(token, getSeenRevision(token))]).then(([catalogJson, rules, review]) => {
          const s = editorStore.getState();
          s.setCatalog(new Catalog(catalogJson));
          if (rules) s.setRules(rules);
          s.setReport(review.findings);
        });
      }),
    [token],
  );

  const submit = useCallback(
    async (c: NewComment) => {
      const author_name = getReviewerName();
      if (!author_name) throw new Error(t("review.nameFirst"));
      const comment = await postReviewComment(token, { ...c, author_name });
      useComments.getState().upsert(comment);
      // "What changed since" starts from what this reviewer has seen and commented on.
      setSeenRevision(token, comment.revision);
      return comment;
    },
    [token, t],
  );

  /** A finding's "Comment" button: the comments tab, its composer about that finding (on its node). */
  const commentOn = useCallback((f: Finding) => {
    useComments.getState().composeOn({ kind: "finding", id: f.rule, node: f.nodes[0] ?? null });
    setTab("comments");
  }, []);

  if (error || gone) {
    return (
      <div className="app">
        <AppHeader boot={boot} />
        <div className="list-page">
          <section className="empty-state" role="alert" data-testid="review-gone">
            <h2>{t("review.goneTitle")}</h2>
            <p className="muted">{gone ? t("review.gone") : error}</p>
          </section>
        </div>
      </div>
    );
  }

  const changes = meta?.changes ?? null;
  const nChanges = changeCount(changes);
  const canComment = meta?.role === "comment";
  return (
    <div className="app editor review" data-testid="review" data-ready={!!meta} data-role={meta?.role ?? ""} data-revision={meta?.revision ?? ""}>
      <AppHeader boot={boot} presence={<PresenceBar me={null} />}>
        <div className="toolbar">
          <h1 className="review-name" data-testid="review-name">
            {name}
          </h1>
          {meta && (
            <span className="review-meta">
              <span
                className="rev-pill"
                title={
                  meta.frozen
                    ? meta.latest_revision > meta.revision
                      ? t("review.frozenNewer", { n: meta.revision, latest: meta.latest_revision })
                      : t("review.frozenTitle", { n: meta.revision })
                    : t("review.latestTitle")
                }
                data-testid="review-revision"
              >
                r{meta.revision} · {meta.frozen ? t("review.frozen") : t("review.latest")}
              </span>
              <span className="role-pill">{canComment ? t("review.canComment") : t("review.viewOnly")}</span>
            </span>
          )}
          <CountBadges counts={counts} />
          <span className="toolbar-spacer" />
          {meta && <Downloads token={token} name={name ?? "diagram"} />}
        </div>
      </AppHeader>
      <div className="editor-body">
        <section className={`canvas-wrap${nChanges ? " review-changes" : ""}`} aria-label={t("review.canvas")}>
          {meta ? (
            <>
              <Canvas />
              <PresenceLayer />
              <FitOnLoad />
              {nChanges > 0 && <style data-testid="change-styles">{highlightCss(changes)}</style>}
              {meta.frozen && meta.latest_revision > meta.revision && (
                <div className="banner banner-info review-banner" role="status">
                  {t("review.frozenBanner", { n: meta.revision })}
                </div>
              )}
            </>
          ) : (
            <div className="page-loading">{t("app.loading")}</div>
          )}
        </section>
        <aside className="side-panel" aria-label={t("review.side")}>
          <div className="tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === "comments"} className={tab === "comments" ? "tab active" : "tab"} onClick={() => setTab("comments")} data-testid="tab-comments">
              {t("side.comments")} {openThreads > 0 && <span className="count">{openThreads}</span>}
            </button>
            <button type="button" role="tab" aria-selected={tab === "findings"} className={tab === "findings" ? "tab active" : "tab"} onClick={() => setTab("findings")} data-testid="tab-findings">
              {t("side.findings")}
              {counts && (
                <span className="tab-counts">
                  <SeverityCounts counts={counts} />
                </span>
              )}
            </button>
            {changes && (
              <button type="button" role="tab" aria-selected={tab === "changes"} className={tab === "changes" ? "tab active" : "tab"} onClick={() => setTab("changes")} data-testid="tab-changes">
                {t("review.changes")} <span className="count changes">{nChanges}</span>
              </button>
            )}
          </div>
          <div className="tab-panel" role="tabpanel">
            {meta && tab === "comments" && <CommentsPanel mode="reviewer" canComment={canComment} revision={meta.revision} submit={submit} />}
            {meta && tab === "findings" && <FindingsPanel onComment={canComment ? commentOn : undefined} />}
            {meta && tab === "changes" && changes && <ChangesPanel changes={changes} />}
          </div>
        </aside>
      </div>
      <BadgeOpensComments onOpen={() => setTab("comments")} />
    </div>
  );
}

/** Fit the diagram in view once its nodes are measured (the reviewer's screen, not the owner's viewport). */
function FitOnLoad() {
  const initialized = useNodesInitialized();
  const { fitView } = useReactFlow();
  const done = useRef(false);
  useEffect(() => {
    if (!initialized || done.current) return;
    done.current = true;
    requestAnimationFrame(() => void fitView({ ...fitViewOptions(), duration: 0 }));
  }, [initialized, fitView]);
  return null;
}

function BadgeOpensComments({ onOpen }: { onOpen: () => void }) {
  useEffect(() => useComments.subscribe((s, prev) => s.focus && s.focus !== prev.focus && onOpen()), [onOpen]);
  return null;
}

/** PNG and SVG of what the link shows, through the render cache (started, then polled). */
function Downloads({ token, name }: { token: string; name: string }) {
  const [busy, setBusy] = useState<RenderFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { t } = useTranslation();
  const run = async (format: RenderFormat) => {
    setBusy(format);
    setError(null);
    try {
      let r = await startReviewRender(token, format);
      const deadline = Date.now() + 120_000;
      while ((r.status === "pending" || r.status === "running") && Date.now() < deadline) {
        await new Promise((res) => setTimeout(res, 500));
        r = await getReviewRender(token, r.id);
      }
      if (r.status !== "done" || !r.url) throw new Error(r.error || t("review.pictureFailed"));
      const a = document.createElement("a");
      a.href = r.url;
      a.download = safeFilename(name, format);
      document.body.appendChild(a);
      a.click();
      a.remove();
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  return (
    <span className="review-download" title={error ?? t("review.downloadTitle")}>
      {error && (
        <span className="small" role="alert" style={{ color: "#ffb4a6" }}>
          {t("review.downloadFailed")}
        </span>
      )}
      {busy && <span className="spinner small" aria-label={t("review.preparing")} />}
      <button type="button" className="btn btn-sm" disabled={!!busy} onClick={() => void run("png")} data-testid="review-download-png">
        PNG
      </button>
      <button type="button" className="btn btn-sm" disabled={!!busy} onClick={() => void run("svg")} data-testid="review-download-svg">
        SVG
      </button>
    </span>
  );
}
