import { useEffect, useRef, useState } from "react";
import { MAX_LABEL } from "../document/types";
import { i18next } from "../i18n";

/** In-place label editing: Enter or blur saves, Escape cancels. */
export function LabelEditor({
  initial,
  placeholder,
  onDone,
  multiline,
}: {
  initial: string;
  placeholder?: string;
  onDone: (value: string | null) => void;
  multiline?: boolean;
}) {
  const [value, setValue] = useState(initial);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  return (
    <textarea
      ref={ref}
      className="label-editor nodrag nopan nowheel"
      aria-label={i18next.t("props.label")}
      value={value}
      placeholder={placeholder}
      maxLength={MAX_LABEL}
      rows={multiline ? 2 : 1}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => onDone(value)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === "Enter" && !e.shiftKey) {
          e.preventDefault();
          onDone(value);
        } else if (e.key === "Escape") {
          e.preventDefault();
          onDone(null);
        }
      }}
      data-testid="label-editor"
    />
  );
}
