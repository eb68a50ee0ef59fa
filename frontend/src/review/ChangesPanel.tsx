import { memo, useMemo } from "react";
import type { Changes } from "../api/sharing";
import { useEditor } from "../store/useEditor";
import { changeList } from "./changes";
import { useFocusTarget } from "./useFocusTarget";

const WORD = { added: "new", changed: "changed", removed: "removed" } as const;

/** "Changes since r{N}": what was added, changed or removed since the reviewer last commented. */
export const ChangesPanel = memo(function ChangesPanel({ changes }: { changes: Changes }) {
  const doc = useEditor((s) => s.doc);
  const catalog = useEditor((s) => s.catalog);
  const focusTarget = useFocusTarget();
  const items = useMemo(() => changeList(changes, doc, (t) => catalog?.get(t)?.label ?? t), [changes, doc, catalog]);
  return (
    <section className="changes-panel" data-testid="changes-panel" aria-labelledby="changes-title">
      <h3 id="changes-title">Changes since r{changes.since}</h3>
      <p>
        {items.length
          ? "Since you last commented. New and changed parts are outlined on the canvas (moves are not counted)."
          : "Nothing was added, removed or changed since you last commented (moves are not counted)."}
      </p>
      <ul className="change-list">
        {items.map((i) => (
          <li key={`${i.kind}:${i.id}`} data-testid="change-item" data-kind={i.kind} data-id={i.id} data-status={i.status}>
            {i.onCanvas ? (
              <button type="button" className="change-item" onClick={() => focusTarget({ kind: i.kind, id: i.id })} title="Show it on the canvas">
                <span className={`change-tag ${i.status}`}>{WORD[i.status]}</span>
                <span className="change-label">{i.label}</span>
                <span className="change-kind">{i.kind === "node" ? "component" : "connection"}</span>
              </button>
            ) : (
              <div className="change-item removed">
                <span className={`change-tag ${i.status}`}>{WORD[i.status]}</span>
                <code className="change-label">{i.label}</code>
                <span className="change-kind">{i.kind === "node" ? "component" : "connection"}</span>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
});
