import type { Counts } from "../api/validate";

const WORDS = {
  error: ["error", "errors"],
  warning: ["warning", "warnings"],
  info: ["note", "notes"],
} as const;

/** Rule finding counts as small colored pills (red, amber, blue). */
export function CountBadges({ counts }: { counts: Counts | null | undefined }) {
  if (!counts) return <span className="muted small">—</span>;
  const total = counts.error + counts.warning + counts.info;
  if (!total) return <span className="pill pill-ok">No findings</span>;
  return (
    <span className="pills">
      {(["error", "warning", "info"] as const).map((s) =>
        counts[s] ? (
          <span key={s} className={`pill pill-${s}`} data-testid={`count-${s}`}>
            {counts[s]} {WORDS[s][counts[s] === 1 ? 0 : 1]}
          </span>
        ) : null,
      )}
    </span>
  );
}
