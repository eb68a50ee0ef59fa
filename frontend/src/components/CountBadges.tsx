import type { Counts } from "../api/validate";
import { SEVERITY_MARK } from "./severity";
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
            <span aria-hidden="true">{SEVERITY_MARK[s]}</span> {t(`counts.${s}`, { count: counts[s] })}
          </span>
        ) : null,
      )}
    </span>
  );
}

/** The counts of a tab: a shape and a number per severity, read out as words. */
export function SeverityCounts({ counts }: { counts: Counts }) {
  const { t } = useTranslation();
  return (
    <>
      {(["error", "warning", "info"] as const).map((s) =>
        counts[s] > 0 ? (
          <span key={s} className={`pill pill-${s}`} title={t(`counts.${s}`, { count: counts[s] })}>
            <span aria-hidden="true">
              {SEVERITY_MARK[s]} {counts[s]}
            </span>
            <span className="sr-only">{t(`counts.${s}`, { count: counts[s] })}</span>
          </span>
        ) : null,
      )}
    </>
  );
}
