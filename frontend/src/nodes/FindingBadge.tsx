import { memo } from "react";
import type { Finding } from "../api/validate";
import { i18next } from "../i18n";
import { SEVERITY_MARK } from "../components/severity";

const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Finding count on a node or edge, colored by the worst severity (red, amber, blue). */
export const FindingBadge = memo(function FindingBadge({ findings, className = "" }: { findings?: Finding[]; className?: string }) {
  if (!findings?.length) return null;
  const worst = findings.reduce((w, f) => (ORDER[f.severity] < ORDER[w] ? f.severity : w), findings[0].severity);
  const text = findings.map((f) => `${i18next.t(`severity.${f.severity}`)} ${f.rule}: ${f.message}`).join("\n");
  return (
    <span
      className={`finding-badge sev-${worst} ${className}`}
      role="img"
      title={text}
      aria-label={i18next.t("badge.findings", { count: findings.length, text })}
      data-testid="finding-badge"
      data-severity={worst}
      data-rules={findings.map((f) => f.rule).join(" ")}
    >
      <span aria-hidden="true">
        {SEVERITY_MARK[worst]}
        {findings.length}
      </span>
    </span>
  );
});
