import { memo } from "react";
import type { Diagram } from "../api/diagrams";
import { OwnerCommentsPanel, useOpenThreadCount } from "../review/OwnerCommentsPanel";
import { useUi, type SideTab } from "../store/uiStore";
import { useEditor } from "../store/useEditor";
import { FindingsPanel } from "./FindingsPanel";
import { HistoryPanel } from "./HistoryPanel";
import { PropertyPanel } from "./PropertyPanel";

/** The right-hand panel: properties of the selection, live findings, version history. */
export const SidePanel = memo(function SidePanel({ onRestored }: { onRestored: (d: Diagram) => void }) {
  const tab = useUi((s) => s.tab);
  const setUi = useUi((s) => s.set);
  const counts = useEditor((s) => s.report?.counts);
  const validation = useUi((s) => s.validation);
  const openThreads = useOpenThreadCount();
  const tabs: { key: SideTab; label: string }[] = [
    { key: "properties", label: "Properties" },
    { key: "findings", label: "Findings" },
    { key: "comments", label: "Comments" },
    { key: "history", label: "History" },
  ];
  return (
    <aside className="side-panel" aria-label="Details">
      <div className="tabs" role="tablist">
        {tabs.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            id={`tab-${t.key}`}
            aria-selected={tab === t.key}
            aria-controls={`tabpanel-${t.key}`}
            className={tab === t.key ? "tab active" : "tab"}
            onClick={() => setUi({ tab: t.key })}
            data-testid={`tab-${t.key}`}
          >
            {t.label}
            {t.key === "findings" && counts && (
              <span className="tab-counts" data-testid="findings-counts">
                {counts.error > 0 && <span className="pill pill-error">{counts.error}</span>}
                {counts.warning > 0 && <span className="pill pill-warning">{counts.warning}</span>}
                {counts.info > 0 && <span className="pill pill-info">{counts.info}</span>}
              </span>
            )}
            {t.key === "comments" && openThreads > 0 && (
              <span className="count" data-testid="comments-count">
                {openThreads}
              </span>
            )}
            {t.key === "findings" && validation === "pending" && <span className="spinner small" aria-label="checking" />}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === "properties" && <PropertyPanel />}
        {tab === "findings" && <FindingsPanel />}
        {tab === "comments" && <OwnerCommentsPanel />}
        {tab === "history" && <HistoryPanel onRestored={onRestored} />}
      </div>
    </aside>
  );
});
