import type { Counts } from "../api/validate";
import { useTranslation } from "react-i18next";

/** Rule finding counts as small colored pills (red, amber, blue). */
export function CountBadges({ counts }: { counts: Counts | null | undefined }) {
  const { t } = useTranslation();
  if (!counts) return <span className="muted small">—</span>;
  const total = counts.error + counts.warning + counts.info;
  if (!total) return <span className="pill pill-ok">{t("counts.none")}</span>;
  return (
    <span className="pills">
      {(["error", "warning", "info"] as const).map((s) =>
        counts[s] ? (
          <span key={s} className={`pill pill-${s}`} data-testid={`count-${s}`}>
            {t(`counts.${s}`, { count: counts[s] })}
          </span>
        ) : null,
      )}
    </span>
  );
}
