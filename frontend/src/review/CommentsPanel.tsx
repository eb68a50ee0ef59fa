import { memo, useCallback, useEffect, useEffectEvent, useMemo, useRef, useState, type FormEvent } from "react";
import { ApiError } from "../api/client";
import type { Comment, NewComment, Verdict } from "../api/sharing";
import { fullTime, timeAgo } from "../components/format";
import { useEditor } from "../store/useEditor";
import { useComments } from "./commentStore";
import { getReviewerName, setReviewerName } from "./storage";
import { concerns, DIAGRAM, latestVerdicts, targetFields, targetKey, type Target, type Thread } from "./threads";
import { useFocusTarget } from "./useFocusTarget";
import "./review.css";
import { useTranslation } from "react-i18next";

/** The server's limit (builder/services/sharing.py MAX_COMMENT); the server enforces it. */
export const MAX_COMMENT = 4000;

const errorText = (err: unknown) => (err instanceof ApiError ? err.detail : err instanceof Error ? err.message : String(err));


export interface CommentsPanelProps {
  /** The owner (editor: resolve, reopen, reply) or a reviewer (review page: name, verdicts). */
  mode: "owner" | "reviewer";
  /** False on a view-only link: comments are shown, nothing can be written. */
  canComment: boolean;
  /** The revision on screen, for the verdict's wording. */
  revision?: number;
  submit(c: NewComment): Promise<Comment>;
  resolve?(c: Comment, resolved: boolean): Promise<void>;
}

/** What a target is called on screen: the node's label, the edge's ends, the rule's title. */
function useTargetName(): (t: Target) => string {
  const doc = useEditor((s) => s.doc);
  const catalog = useEditor((s) => s.catalog);
  const rules = useEditor((s) => s.rules);
  const { t: tr } = useTranslation();
  return useMemo(() => {
    const nodes = new Map(doc.nodes.map((n) => [n.id, n]));
    const nodeName = (id: string) => {
      const n = nodes.get(id);
      return n ? n.label || catalog?.get(n.type)?.label || n.type : id;
    };
    return (t: Target) => {
      if (t.kind === "node" && t.id) return nodeName(t.id);
      if (t.kind === "edge" && t.id) {
        const e = doc.edges.find((x) => x.id === t.id);
        return e ? (e.label ? `${e.label} (${nodeName(e.source)} → ${nodeName(e.target)})` : `${nodeName(e.source)} → ${nodeName(e.target)}`) : t.id;
      }
      if (t.kind === "finding" && t.id) {
        const title = rules.get(t.id)?.title ?? t.id;
        return t.node ? tr("comments.findingOn", { finding: title, node: nodeName(t.node) }) : title;
      }
      return tr("comments.wholeDiagram");
    };
  }, [doc, catalog, rules, tr]);
}


export const CommentsPanel = memo(function CommentsPanel({ mode, canComment, revision, submit: send, resolve }: CommentsPanelProps) {
  // Once a comment is sent, the name field folds into "Commenting as …".
  const [sent, setSent] = useState(0);
  const submit = useCallback(
    async (c: NewComment) => {
      const comment = await send(c);
      setSent((n) => n + 1);
      return comment;
    },
    [send],
  );
  const threads = useComments((s) => s.threads);
  const comments = useComments((s) => s.comments);
  const focus = useComments((s) => s.focus);
  const compose = useComments((s) => s.compose);
  const selectedNodes = useEditor((s) => s.selectedNodes);
  const selectedEdges = useEditor((s) => s.selectedEdges);
  const report = useEditor((s) => s.report);
  const name = useTargetName();
  const focusTarget = useFocusTarget();
  const [filter, setFilter] = useState<"open" | "resolved" | "all">("open");
  const [target, setTarget] = useState<Target>(DIAGRAM);
  const [composeFocus, setComposeFocus] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  const { t: tr } = useTranslation();

  // The composer follows the canvas selection: one node or one edge, else the whole diagram.
  useEffect(() => {
    if (selectedNodes.size === 1 && selectedEdges.size === 0) setTarget({ kind: "node", id: [...selectedNodes][0] });
    else if (selectedEdges.size === 1 && selectedNodes.size === 0) setTarget({ kind: "edge", id: [...selectedEdges][0] });
    else if (selectedNodes.size + selectedEdges.size === 0) setTarget((t) => (t.kind === "finding" ? t : DIAGRAM));
  }, [selectedNodes, selectedEdges]);

  // A badge click: show that target's threads (open or not) and scroll to them.
  // Only when a new focus is asked for: the threads are read as they are then (an effect event),
  // so a new comment does not move the panel again.
  const showFocus = useEffectEvent((target: Target) => {
    setTarget(target);
    const t = threads.filter((x) => concerns(x.target, target));
    if (t.length && t.every((x) => x.resolved)) setFilter("all");
    requestAnimationFrame(() =>
      listRef.current?.querySelector(`[data-target="${CSS.escape(targetKey(target))}"]`)?.scrollIntoView({ block: "nearest" }),
    );
  });
  useEffect(() => {
    if (focus) showFocus(focus.target);
  }, [focus]);

  // "Comment" on a finding: the composer about it, ready to type. After the two effects above, so
  // that it wins over the selection when the panel mounts with this request; taken only once.
  useEffect(() => {
    if (!compose) return;
    setTarget(compose.target);
    setComposeFocus(compose.n);
    useComments.getState().composeOn(null);
  }, [compose]);

  const open = threads.filter((t) => !t.resolved);
  const resolved = threads.filter((t) => t.resolved);
  const shown = filter === "open" ? open : filter === "resolved" ? resolved : threads;
  // The threads about the composer's target come first.
  const ordered = [...shown.filter((t) => concerns(t.target, target)), ...shown.filter((t) => !concerns(t.target, target))];
  const findingRules = [...new Set((report?.findings ?? []).map((f) => f.rule))];
  const targets = [
    DIAGRAM,
    ...(target.kind === "node" || target.kind === "edge" || (target.kind === "finding" && target.node) ? [target] : []),
    ...findingRules.map((id): Target => ({ kind: "finding", id })),
  ];

  return (
    <div className="comments-panel" data-testid="comments-panel">
      <VerdictSummary comments={comments} />
      {canComment ? (
        <>
          {mode === "reviewer" && <ReviewerName sent={sent} />}
          <Composer
            target={target}
            targets={targets}
            focusRequest={composeFocus}
            name={name}
            onTarget={setTarget}
            submit={(body) => submit({ body, ...targetFields(target) })}
            placeholder={target.kind === "diagram" ? tr("comments.onDiagram") : tr("comments.on", { name: name(target) })}
            hint={mode === "reviewer" && target.kind === "diagram" ? tr("comments.tip") : undefined}
          />
          {mode === "reviewer" && <VerdictForm revision={revision} submit={submit} />}
        </>
      ) : (
        mode === "reviewer" && (
          <p className="comments-note" data-testid="view-only-note">
            {tr("comments.viewOnly")}
          </p>
        )
      )}
      {threads.length > 0 && (
      <div className="comments-filter" role="tablist" aria-label={tr("comments.showThreads")}>
        {(
          [
            ["open", tr("comments.filterOpen", { n: open.length })],
            ["resolved", tr("comments.filterResolved", { n: resolved.length })],
            ["all", tr("comments.filterAll", { n: threads.length })],
          ] as const
        ).map(([key, label]) => (
          <button key={key} type="button" role="tab" aria-selected={filter === key} className={filter === key ? "active" : ""} onClick={() => setFilter(key)}>
            {label}
          </button>
        ))}
      </div>
      )}
      <div className="thread-list" ref={listRef} data-testid="thread-list">
        {ordered.length === 0 && (
          <p className="comments-empty">
            {threads.length === 0
              ? mode === "owner"
                ? tr("comments.noneOwner", { share: tr("toolbar.share") })
                : tr("comments.none")
              : filter === "open"
                ? tr("comments.noneOpen")
                : tr("comments.nothing")}
          </p>
        )}
        {ordered.map((t) => (
          <ThreadView
            key={t.root.id}
            thread={t}
            mode={mode}
            canComment={canComment}
            name={name}
            current={concerns(t.target, target) && t.target.kind !== "diagram"}
            onShow={() => focusTarget(t.target)}
            submit={submit}
            resolve={resolve}
          />
        ))}
      </div>
    </div>
  );
});

function ReviewerName({ sent }: { sent: number }) {
  const [value, setValue] = useState(getReviewerName);
  const [editing, setEditing] = useState(!getReviewerName());
  const { t: tr } = useTranslation();
  useEffect(() => {
    if (sent) setEditing(false);
  }, [sent]);
  if (!editing && value) {
    return (
      <div className="reviewer-name">
        {tr("comments.commentingAs")} <strong data-testid="reviewer-name-shown">{value}</strong>
        <button type="button" className="link-btn" onClick={() => setEditing(true)}>
          {tr("comments.change")}
        </button>
      </div>
    );
  }
  return (
    <form
      className="reviewer-name-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) setEditing(false);
      }}
    >
      <label className="field-label" htmlFor="reviewer-name">
        {tr("comments.yourName")} <span className="muted">{tr("comments.yourNameHelp")}</span>
      </label>
      <input
        id="reviewer-name"
        className="input"
        value={value}
        maxLength={80}
        autoComplete="name"
        placeholder={tr("comments.namePlaceholder")}
        onChange={(e) => {
          setValue(e.target.value);
          setReviewerName(e.target.value);
        }}
        data-testid="reviewer-name"
      />
    </form>
  );
}

function Composer({
  target,
  targets,
  name,
  onTarget,
  submit,
  placeholder,
  hint,
  focusRequest = 0,
}: {
  target: Target;
  targets: Target[];
  /** Changes when the text box should take the focus (a finding's "Comment" button). */
  focusRequest?: number;
  name: (t: Target) => string;
  onTarget: (t: Target) => void;
  submit: (body: string) => Promise<unknown>;
  placeholder: string;
  hint?: string;
}) {
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const { t: tr } = useTranslation();
  useEffect(() => {
    if (focusRequest) bodyRef.current?.focus();
  }, [focusRequest]);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim() || busy) return;
    setBusy(true);
    setError(null);
    try {
      await submit(body);
      setBody("");
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="composer" onSubmit={send} data-testid="comment-form" data-target={targetKey(target)}>
      <div className="composer-target">
        <span className="muted small">{tr("comments.about")}</span>
        <select
          className="input"
          value={targetKey(target)}
          onChange={(e) => onTarget(targets.find((t) => targetKey(t) === e.target.value) ?? DIAGRAM)}
          aria-label={tr("comments.aboutLabel")}
          data-testid="comment-target"
        >
          {targets.map((t) => (
            <option key={targetKey(t)} value={targetKey(t)}>
              {t.kind === "diagram" ? tr("comments.wholeDiagram") : `${tr(`comments.kind.${t.kind}`)}: ${name(t)}`}
            </option>
          ))}
        </select>
      </div>
      <textarea
        ref={bodyRef}
        className={`input${body.length > MAX_COMMENT ? " invalid" : ""}`}
        rows={3}
        value={body}
        placeholder={placeholder}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void send(e);
        }}
        aria-label={tr("findings.comment")}
        data-testid="comment-body"
      />
      {error && (
        <p className="field-error" role="alert" data-testid="comment-error">
          {error}
        </p>
      )}
      <div className="composer-foot">
        <span className={`small ${body.length > MAX_COMMENT ? "field-error" : "muted"}`}>
          {body.length > MAX_COMMENT * 0.9 ? `${body.length.toLocaleString()} / ${MAX_COMMENT.toLocaleString()}` : (hint ?? tr("comments.ctrlEnter"))}
        </span>
        <button type="submit" className="btn btn-primary btn-sm" disabled={busy || !body.trim()} data-testid="comment-submit">
          {busy ? tr("comments.sending") : tr("findings.comment")}
        </button>
      </div>
    </form>
  );
}

function VerdictForm({ revision, submit }: { revision?: number; submit: CommentsPanelProps["submit"] }) {
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { t: tr } = useTranslation();
  const send = async () => {
    if (!verdict) return;
    setBusy(true);
    setError(null);
    try {
      await submit({ body: body.trim() || tr(`comments.verdictBody.${verdict}`), verdict });
      setVerdict(null);
      setBody("");
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="verdict-form" data-testid="verdict-form">
      <div className="verdict-row">
        <span className="verdict-label">{revision ? tr("comments.yourVerdictOn", { n: revision }) : tr("comments.yourVerdict")}</span>
        <button
          type="button"
          className={`btn btn-sm verdict-btn approve${verdict === "approved" ? " chosen" : ""}`}
          aria-pressed={verdict === "approved"}
          onClick={() => setVerdict(verdict === "approved" ? null : "approved")}
          data-testid="verdict-approve"
        >
          ✓ {tr("comments.approve")}
        </button>
        <button
          type="button"
          className={`btn btn-sm verdict-btn changes${verdict === "changes_requested" ? " chosen" : ""}`}
          aria-pressed={verdict === "changes_requested"}
          onClick={() => setVerdict(verdict === "changes_requested" ? null : "changes_requested")}
          data-testid="verdict-changes"
        >
          {tr("comments.requestChanges")}
        </button>
      </div>
      {verdict && (
        <div className="verdict-confirm">
          <textarea
            className="input"
            rows={2}
            value={body}
            placeholder={verdict === "approved" ? tr("comments.approveNote") : tr("comments.changesNote")}
            onChange={(e) => setBody(e.target.value)}
            aria-label={tr("comments.verdictNote")}
            data-testid="verdict-body"
          />
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <div className="composer-foot">
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => setVerdict(null)}>
              {tr("common.cancel")}
            </button>
            <button type="button" className="btn btn-primary btn-sm" disabled={busy} onClick={() => void send()} data-testid="verdict-submit">
              {busy ? tr("comments.sending") : verdict === "approved" ? tr("comments.approve") : tr("comments.requestChanges")}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

export function VerdictPill({ verdict }: { verdict: Verdict }) {
  const { t: tr } = useTranslation();
  return (
    <span className={`verdict-pill ${verdict}`} data-testid="verdict-pill" data-verdict={verdict}>
      {verdict === "approved" ? `✓ ${tr("comments.approved")}` : tr("comments.changesRequested")}
    </span>
  );
}

function VerdictSummary({ comments }: { comments: Comment[] }) {
  const verdicts = useMemo(() => latestVerdicts(comments), [comments]);
  const { t: tr } = useTranslation();
  if (!verdicts.length) return null;
  return (
    <ul className="verdict-summary" aria-label={tr("comments.verdicts")} data-testid="verdict-summary">
      {verdicts.map((v) => (
        <li key={v.author}>
          <span className="comment-author">{v.author}</span> <VerdictPill verdict={v.verdict} />{" "}
          <span className="muted small" title={fullTime(v.at)}>
            {tr("comments.onRevision", { n: v.revision })}
          </span>
        </li>
      ))}
    </ul>
  );
}

function CommentView({ c }: { c: Comment }) {
  const { t: tr } = useTranslation();
  return (
    <div className={`comment${c.is_owner ? " by-owner" : ""}`} data-testid="comment" data-comment-id={c.id}>
      <div className="comment-head">
        <span className="avatar" aria-hidden="true">
          {(c.author_name.trim()[0] ?? "?").toUpperCase()}
        </span>
        <span className="comment-author" data-testid="comment-author">
          {c.author_name}
        </span>
        {c.is_owner && <span className="owner-tag">{tr("comments.owner")}</span>}
        <span className="comment-meta muted" title={`${fullTime(c.created_at)} · ${tr("comments.onRevisionLong", { n: c.revision })}`}>
          {timeAgo(c.created_at)} · r{c.revision}
        </span>
      </div>
      {c.verdict && <VerdictPill verdict={c.verdict} />}
      {/* Plain text, rendered as text: never as HTML. */}
      <p className="comment-body" data-testid="comment-text">
        {c.body}
      </p>
    </div>
  );
}

function ThreadView({
  thread,
  mode,
  canComment,
  name,
  current,
  onShow,
  submit,
  resolve,
}: {
  thread: Thread;
  mode: "owner" | "reviewer";
  canComment: boolean;
  name: (t: Target) => string;
  current: boolean;
  onShow: () => void;
  submit: CommentsPanelProps["submit"];
  resolve?: CommentsPanelProps["resolve"];
}) {
  const [replying, setReplying] = useState(false);
  const [busy, setBusy] = useState(false);
  const { t: tr } = useTranslation();
  const t = thread.target;
  return (
    <article
      className={`thread${thread.resolved ? " resolved" : ""}${current ? " current" : ""}`}
      data-testid="thread"
      data-target={targetKey(t)}
      data-resolved={thread.resolved}
    >
      <div className="thread-head">
        {t.kind === "diagram" ? (
          <span className="target-chip diagram">{tr("comments.wholeDiagram")}</span>
        ) : (
          <button type="button" className={`target-chip ${t.kind}`} onClick={onShow} title={tr("comments.showOnCanvas", { name: name(t) })} data-testid="thread-target">
            <span className="target-kind">{tr(`comments.kind.${t.kind}`)}</span>
            {name(t)}
          </button>
        )}
        {t.kind === "finding" && (
          <code className="finding-id thread-rule" data-testid="thread-rule">
            {t.id}
          </code>
        )}
        {thread.resolved && <span className="resolved-tag">{tr("comments.resolved")}</span>}
      </div>
      <CommentView c={thread.root} />
      {thread.replies.map((r) => (
        <CommentView key={r.id} c={r} />
      ))}
      {canComment && replying && (
        <ReplyForm
          onCancel={() => setReplying(false)}
          submit={async (body) => {
            // The thread says what it is about; a reply only names the thread (its target may be gone since).
            await submit({ body, parent: thread.root.id });
            setReplying(false);
          }}
        />
      )}
      {((canComment && !replying) || (mode === "owner" && resolve)) && (
        <div className="thread-foot">
          {canComment && !replying && (
            <button type="button" className="link-btn reply-btn" onClick={() => setReplying(true)} data-testid="reply">
              {tr("comments.reply")}
            </button>
          )}
          {mode === "owner" && resolve && (
            <button
              type="button"
              className="btn btn-sm btn-ghost thread-resolve"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                try {
                  await resolve(thread.root, !thread.resolved);
                } finally {
                  setBusy(false);
                }
              }}
              data-testid={thread.resolved ? "thread-reopen" : "thread-resolve"}
            >
              {thread.resolved ? tr("comments.reopen") : `✓ ${tr("comments.resolve")}`}
            </button>
          )}
        </div>
      )}
    </article>
  );
}

function ReplyForm({ submit, onCancel }: { submit: (body: string) => Promise<void>; onCancel: () => void }) {
  const [body, setBody] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { t: tr } = useTranslation();
  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await submit(body);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };
  return (
    <form className="reply-form" onSubmit={send}>
      <textarea
        className="input"
        rows={2}
        autoFocus
        value={body}
        placeholder={tr("comments.replyPlaceholder")}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void send(e);
          if (e.key === "Escape") onCancel();
        }}
        aria-label={tr("comments.reply")}
        data-testid="reply-body"
      />
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="composer-foot">
        <button type="button" className="btn btn-ghost btn-sm" onClick={onCancel}>
          {tr("common.cancel")}
        </button>
        <button type="submit" className="btn btn-primary btn-sm" disabled={busy || !body.trim()} data-testid="reply-submit">
          {busy ? tr("comments.sending") : tr("comments.reply")}
        </button>
      </div>
    </form>
  );
}
