import { useReactFlow } from "@xyflow/react";
import { memo } from "react";
import type { Severity } from "../api/rules";
import type { Finding } from "../api/validate";
import { useUi } from "../store/uiStore";
import { editorStore, useEditor } from "../store/useEditor";
import { useTranslation } from "react-i18next";

const GROUPS: Severity[] = ["error", "warning", "info"];

/**
 * The rule findings of the document, grouped by severity; a click selects what they are about.
 * With `onComment` (a review link that can comment), each finding has a "Comment" button.
 */
export const FindingsPanel = memo(function FindingsPanel({ onComment }: { onComment?: (f: Finding) => void }) {
  const report = useEditor((s) => s.report);
  const validation = useUi((s) => s.validation);
  const problems = useUi((s) => s.problems);
  const validationError = useUi((s) => s.validationError);
  const { t } = useTranslation();

  if (validation === "invalid") {
    return (
      <div className="panel-section" data-testid="findings-panel">
        <div className="banner banner-error" role="alert">
          {t("findings.invalid", { error: validationError || t("findings.invalidDoc") })}
        </div>
        <ul className="problem-list">
          {problems.map((p, i) => (
            <li key={i}>
              <code>{p.pointer || "/"}</code> {p.message}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (!report) {
    return (
      <div className="panel-section" data-testid="findings-panel">
        <p className="muted">{validation === "offline" ? t("findings.offline", { error: validationError ?? "" }) : t("findings.checking")}</p>
      </div>
    );
  }
  if (!report.findings.length) {
    return (
      <div className="panel-section" data-testid="findings-panel">
        <p className="all-clear">✓ {t("findings.none")}</p>
      </div>
    );
  }
  return (
    <div className="findings" data-testid="findings-panel">
      {GROUPS.map((severity) => {
        const title = t(`findings.group.${severity}`);
        const list = report.findings.filter((f) => f.severity === severity);
        if (!list.length) return null;
        return (
          <section key={severity} className={`finding-group sev-${severity}`} aria-label={title}>
            <h3>
              <span className={`sev-dot sev-${severity}`} aria-hidden="true" />
              {title} <span className="muted">({list.length})</span>
            </h3>
            <ul>
              {list.map((f, i) => (
                <FindingItem key={`${f.rule}-${i}`} finding={f} onComment={onComment} />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
});

function FindingItem({ finding, onComment }: { finding: Finding; onComment?: (f: Finding) => void }) {
  const select = useEditor((s) => s.select);
  const rule = useEditor((s) => s.rules.get(finding.rule));
  const explain = useUi((s) => s.explainRule === finding.rule);
  const setUi = useUi((s) => s.set);
  const { fitView } = useReactFlow();
  const { t } = useTranslation();
  const focus = () => {
    select(finding.nodes, finding.edges);
    // Frame the nodes the finding is about, or the ends of its edges.
    const ids = new Set(finding.nodes);
    const { doc } = editorStore.getState();
    for (const e of doc.edges) {
      if (finding.edges.includes(e.id)) {
        ids.add(e.source);
        ids.add(e.target);
      }
    }
    if (ids.size) void fitView({ nodes: [...ids].map((id) => ({ id })), duration: 300, maxZoom: 1.2, padding: 0.4 });
  };
  return (
    <li className="finding" data-testid="finding" data-rule={finding.rule} data-severity={finding.severity}>
      <button type="button" className="finding-main" onClick={focus}>
        <span className="finding-rule">{rule?.title ?? finding.rule}</span>
        <span className="finding-msg">{finding.message}</span>
        {finding.hint && <span className="finding-hint">{finding.hint}</span>}
      </button>
      <div className="finding-foot">
        <code className="finding-id">{finding.rule}</code>
        <span className="finding-actions">
          {onComment && (
            <button type="button" className="link-btn" onClick={() => onComment(finding)} title={t("findings.commentTitle")} data-testid="finding-comment">
              {t("findings.comment")}
            </button>
          )}
          <button
            type="button"
            className="link-btn"
            aria-expanded={explain}
            onClick={() => setUi({ explainRule: explain ? null : finding.rule })}
            data-testid="explain-rule"
          >
            {explain ? t("findings.hideWhy") : t("findings.why")}
          </button>
        </span>
      </div>
      {explain && (
        <div className="rule-explanation" data-testid="rule-explanation">
          <p>{rule?.explanation ?? t("findings.noExplanation")}</p>
          {rule?.docs_url && (
            <a href={rule.docs_url} target="_blank" rel="noreferrer">
              {t("findings.awsDocs")}
            </a>
          )}
        </div>
      )}
    </li>
  );
}
