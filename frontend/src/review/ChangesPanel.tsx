import { memo, useMemo } from "react";
import type { Changes } from "../api/sharing";
import { useEditor } from "../store/useEditor";
import { changeList } from "./changes";
import { useFocusTarget } from "./useFocusTarget";
import { useTranslation } from "react-i18next";

/** "Changes since r{N}": what was added, changed or removed since the reviewer last commented. */
export const ChangesPanel = memo(function ChangesPanel({ changes }: { changes: Changes }) {
  const doc = useEditor((s) => s.doc);
  const catalog = useEditor((s) => s.catalog);
  const focusTarget = useFocusTarget();
  const { t } = useTranslation();
  const items = useMemo(() => changeList(changes, doc, (t) => catalog?.get(t)?.label ?? t), [changes, doc, catalog]);
  return (
    <section className="changes-panel" data-testid="changes-panel" aria-labelledby="changes-title">
      <h3 id="changes-title">{t("changes.title", { n: changes.since })}</h3>
      <p>
        {items.length
          ? t("changes.some")
          : t("changes.none")}
      </p>
      <ul className="change-list">
        {items.map((i) => (
          <li key={`${i.kind}:${i.id}`} data-testid="change-item" data-kind={i.kind} data-id={i.id} data-status={i.status}>
            {i.onCanvas ? (
              <button type="button" className="change-item" onClick={() => focusTarget({ kind: i.kind, id: i.id })} title={t("changes.show")}>
                <span className={`change-tag ${i.status}`}>{t(`changes.status.${i.status}`)}</span>
                <span className="change-label">{i.label}</span>
                <span className="change-kind">{i.kind === "node" ? t("changes.component") : t("changes.connection")}</span>
              </button>
            ) : (
              <div className="change-item removed">
                <span className={`change-tag ${i.status}`}>{t(`changes.status.${i.status}`)}</span>
                <code className="change-label">{i.label}</code>
                <span className="change-kind">{i.kind === "node" ? t("changes.component") : t("changes.connection")}</span>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
});
