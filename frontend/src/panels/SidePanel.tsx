import { memo } from "react";
import type { Diagram } from "../api/diagrams";
import { OwnerCommentsPanel, useOpenThreadCount } from "../review/OwnerCommentsPanel";
import { useUi, type SideTab } from "../store/uiStore";
import { useEditor } from "../store/useEditor";
import { FindingsPanel } from "./FindingsPanel";
import { HistoryPanel } from "./HistoryPanel";
import { PropertyPanel } from "./PropertyPanel";
import { useTranslation } from "react-i18next";
import { SeverityCounts } from "../components/CountBadges";

/** The right-hand panel: properties of the selection, live findings, version history. */
export const SidePanel = memo(function SidePanel({ onRestored }: { onRestored: (d: Diagram) => void }) {
  const tab = useUi((s) => s.tab);
  const setUi = useUi((s) => s.set);
  const counts = useEditor((s) => s.report?.counts);
  const validation = useUi((s) => s.validation);
  const openThreads = useOpenThreadCount();
  const { t } = useTranslation();
  const tabs: { key: SideTab; label: string }[] = [
    { key: "properties", label: t("side.properties") },
    { key: "findings", label: t("side.findings") },
    { key: "comments", label: t("side.comments") },
    { key: "history", label: t("side.history") },
  ];
  return (
    <aside className="side-panel" aria-label={t("side.label")}>
      <div className="tabs" role="tablist">
        {tabs.map((tb) => (
          <button
            key={tb.key}
            type="button"
            role="tab"
            id={`tab-${tb.key}`}
            aria-selected={tab === tb.key}
            aria-controls={`tabpanel-${tb.key}`}
            className={tab === tb.key ? "tab active" : "tab"}
            onClick={() => setUi({ tab: tb.key })}
            data-testid={`tab-${tb.key}`}
          >
            {tb.label}
            {tb.key === "findings" && counts && (
              <span className="tab-counts" data-testid="findings-counts">
                <SeverityCounts counts={counts} />
              </span>
            )}
            {tb.key === "comments" && openThreads > 0 && (
              <span className="count" data-testid="comments-count">
                {openThreads}
              </span>
            )}
            {tb.key === "findings" && validation === "pending" && <span className="spinner small" aria-label={t("side.checking")} />}
          </button>
        ))}
      </div>
      {/* Screen readers hear the findings change as the document is checked. */}
      <span className="sr-only" role="status" data-testid="findings-live">
        {counts
          ? counts.error + counts.warning + counts.info
            ? (["error", "warning", "info"] as const)
                .filter((s) => counts[s] > 0)
                .map((s) => t(`counts.${s}`, { count: counts[s] }))
                .join(", ")
            : t("counts.none")
          : ""}
      </span>
      <div className="tab-panel" role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === "properties" && <PropertyPanel />}
        {tab === "findings" && <FindingsPanel />}
        {tab === "comments" && <OwnerCommentsPanel />}
        {tab === "history" && <HistoryPanel onRestored={onRestored} />}
      </div>
    </aside>
  );
});
