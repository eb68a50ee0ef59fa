import { useEffect, useId, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** A modal dialog on the native <dialog> element (focus trap, Escape and backdrop for free). */
export function Dialog({
  title,
  onClose,
  children,
  footer,
  wide,
  testId,
  scrollable,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
  testId?: string;
  /** Content with nothing to focus that may scroll: the body takes the focus (keyboard scrolling). */
  scrollable?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { t } = useTranslation();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    const restore = d ? inertAround(d) : () => undefined;
    return () => {
      restore();
      d?.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? "dialog dialog-wide" : "dialog"}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      onClick={(e) => {
        if (e.target === ref.current) onClose();
      }}
    >
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-btn" aria-label={t("dialog.close")} onClick={onClose}>
          ×
        </button>
      </div>
      <div className="dialog-body" tabIndex={scrollable ? 0 : undefined}>
        {children}
      </div>
      {footer && <div className="dialog-foot">{footer}</div>}
    </dialog>
  );
}

/**
 * Everything but the dialog and its ancestors becomes inert (no focus, no clicks, hidden from
 * screen readers' virtual cursor) until it closes: `showModal` blocks the pointer, but the page
 * behind stays in the accessibility tree while the dialog sits inside it. Returns the undo.
 */
function inertAround(dialog: HTMLElement): () => void {
  const made: Element[] = [];
  for (let el: HTMLElement | null = dialog; el && el !== document.body; el = el.parentElement) {
    for (const sibling of el.parentElement?.children ?? []) {
      if (sibling === el || sibling.hasAttribute("inert") || sibling.tagName === "SCRIPT") continue;
      sibling.setAttribute("inert", "");
      made.push(sibling);
    }
  }
  return () => made.forEach((e) => e.removeAttribute("inert"));
}
