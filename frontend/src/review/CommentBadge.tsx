import { memo } from "react";
import { useComments } from "./commentStore";
import "./review.css";
import { useTranslation } from "react-i18next";

/**
 * The comment count on a node or an edge label (nothing when there is none). Strong while a
 * thread is open, grey when all are resolved. A click selects the node (the event goes on to
 * React Flow) and opens its threads.
 */
export const CommentBadge = memo(function CommentBadge({ nodeId, edgeId }: { nodeId?: string; edgeId?: string }) {
  const kind = nodeId !== undefined ? "node" : "edge";
  const id = (nodeId ?? edgeId)!;
  // One subscription per badge, to the comment store only (editor updates never reach it);
  // the entry object changes only when comments change.
  const count = useComments((s) => (kind === "node" ? s.byNode : s.byEdge).get(id));
  const { t } = useTranslation();
  if (!count?.comments) return null;
  const { comments, open } = count;
  const label = open ? t("badge.comments", { count: comments, open }) : t("badge.commentsResolved", { count: comments });
  return (
    <button
      type="button"
      className={`comment-badge nodrag nopan ${kind}-comments ${open ? "open" : "resolved"}`}
      title={t("badge.show", { label })}
      aria-label={label}
      data-testid="comment-badge"
      data-count={comments}
      data-open={open}
      onClick={() => useComments.getState().focusOn({ kind, id })}
    >
      <svg viewBox="0 0 16 16" width="11" height="11" aria-hidden="true">
        <path d="M2 2.5h12v8.5H6.5L3 14v-3H2z" fill="currentColor" />
      </svg>
      {comments}
    </button>
  );
});
