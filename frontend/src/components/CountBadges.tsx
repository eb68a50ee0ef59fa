import type { Counts } from "../api/validate";

const LABELS = { error: "errors", warning: "warnings", info: "notes" } as const;

/** Rule finding counts as small colored pills (red, amber, blue). */
export function CountBadges({ counts }: { counts: Counts | null | undefined }) {
  if (!counts) return <span className="muted small">—</span>;
  const total = counts.error + counts.warning + counts.info;
  if (!total) return <span className="pill pill-ok">No findings</span>;
  return (
    <span className="pills">
      {(["error", "warning", "info"] as const).map((s) =>
        counts[s] ? (
          <span key={s} className={`pill pill-${s}`} title={`${counts[s]} ${LABELS[s]}`}>
            {counts[s]} <span className="sr-only">{LABELS[s]}</span>
            <span aria-hidden="true">{s === "error" ? "errors" : s === "warning" ? "warn" : "info"}</span>
          </span>
        ) : null,
      )}
    </span>
  );
}
