import { useEffect, useId, useState } from "react";
import { rangeMessage, type PropSpec } from "../document/catalog";
import type { PropValue } from "../document/types";
import { useTranslation } from "react-i18next";

/**
 * One prop's input, generated from its catalog spec: number with unit and AWS limits, text,
 * choice, boolean, list or map. Values keep their JSON kind (numbers are never strings).
 */
export function PropField({
  spec,
  value,
  isDefault,
  defaultValue,
  onChange,
  readOnly,
  nodeProps,
}: {
  spec: PropSpec;
  value: PropValue | undefined;
  /** The node's effective props: some limits hold only for some values of another prop. */
  nodeProps?: Record<string, PropValue | undefined>;
  isDefault: boolean;
  defaultValue: PropValue | undefined;
  onChange: (value: PropValue | undefined) => void;
  readOnly?: boolean;
}) {
  const id = useId();
  const helpId = `${id}-help`;
  const msgId = `${id}-msg`;
  const range = rangeMessage(spec, value, nodeProps);
  const [localError, setLocalError] = useState<string | null>(null);
  const { t } = useTranslation();
  const describedBy = [spec.help ? helpId : "", range || localError ? msgId : ""].filter(Boolean).join(" ") || undefined;
  const common = { id, "aria-describedby": describedBy, disabled: readOnly, "data-testid": `prop-${spec.name}` };

  let input: React.ReactNode;
  switch (spec.kind) {
    case "integer":
    case "number":
      input = (
        <NumberInput
          {...common}
          spec={spec}
          value={typeof value === "number" ? value : null}
          invalid={!!range || !!localError}
          onError={setLocalError}
          onChange={onChange}
        />
      );
      break;
    case "boolean":
      input = (
        <label className="switch">
          <input {...common} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} />
          <span>{value === true ? t("prop.yes") : t("prop.no")}</span>
        </label>
      );
      break;
    case "choice":
      input = (
        <select {...common} className="input" value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value)}>
          {spec.choices.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      );
      break;
    case "string":
      input = (
        <TextInput
          {...common}
          value={typeof value === "string" ? value : ""}
          placeholder={typeof defaultValue === "string" ? defaultValue : ""}
          maxLength={spec.max_length}
          onChange={(v) => onChange(v)}
        />
      );
      break;
    case "string_list":
      input = (
        <ListInput
          {...common}
          value={Array.isArray(value) ? value : []}
          maxItems={spec.max_items}
          maxLength={spec.max_length}
          onChange={(v) => onChange(v)}
        />
      );
      break;
    case "string_map":
      input = (
        <MapInput
          testId={common["data-testid"]}
          value={value && typeof value === "object" && !Array.isArray(value) ? value : {}}
          maxItems={spec.max_items}
          disabled={readOnly}
          onChange={(v) => onChange(v)}
        />
      );
      break;
  }

  return (
    <div className={`prop-field ${range ? `has-${range.level}` : ""}`} data-prop={spec.name}>
      <div className="prop-label-row">
        <label htmlFor={id} className="field-label">
          {spec.label}
          {spec.unit && <span className="unit"> ({spec.unit})</span>}
        </label>
        {!isDefault && !readOnly && (
          <button type="button" className="link-btn" onClick={() => onChange(undefined)} title={t("prop.resetTitle")}>
            {t("prop.reset")}
          </button>
        )}
      </div>
      {input}
      {(range || localError) && (
        <p id={msgId} className={`prop-msg ${range?.level ?? "error"}`} role="status" data-testid={`prop-msg-${spec.name}`}>
          {localError ?? range?.text}
          {!localError && range?.rule && <span className="prop-msg-rule"> {range.rule}</span>}
        </p>
      )}
      {spec.help && (
        <p id={helpId} className="prop-help">
          {spec.help}
        </p>
      )}
    </div>
  );
}

function NumberInput({
  spec,
  value,
  invalid,
  onChange,
  onError,
  ...rest
}: {
  spec: PropSpec;
  value: number | null;
  invalid: boolean;
  onChange: (v: PropValue | undefined) => void;
  onError: (msg: string | null) => void;
  id: string;
  disabled?: boolean;
  "aria-describedby"?: string;
  "data-testid": string;
}) {
  const [text, setText] = useState(value === null ? "" : String(value));
  const { t: tr } = useTranslation();
  // Follow outside changes (undo, another field) unless the text already means this value.
  useEffect(() => {
    setText((t) => (t.trim() !== "" && Number(t) === value ? t : value === null ? "" : String(value)));
  }, [value]);
  return (
    <div className="number-input">
      <input
        {...rest}
        className={invalid ? "input invalid" : "input"}
        type="text"
        inputMode="decimal"
        aria-invalid={invalid}
        value={text}
        placeholder={spec.nullable ? tr("prop.notSet") : ""}
        onChange={(e) => {
          const t = e.target.value;
          setText(t);
          if (t.trim() === "") {
            if (spec.nullable) {
              onError(null);
              onChange(null);
            } else onError(tr("prop.required"));
            return;
          }
          const n = Number(t.replace(/,/g, ""));
          if (!Number.isFinite(n)) {
            onError(tr("prop.number"));
            return;
          }
          if (spec.kind === "integer" && !Number.isInteger(n)) {
            onError(tr("prop.integer"));
            return;
          }
          onError(null);
          onChange(n);
        }}
      />
      {spec.unit && <span className="number-unit">{spec.unit}</span>}
    </div>
  );
}

function TextInput({
  value,
  onChange,
  ...rest
}: {
  value: string;
  onChange: (v: string) => void;
  id: string;
  placeholder?: string;
  maxLength: number;
  disabled?: boolean;
  "aria-describedby"?: string;
  "data-testid": string;
}) {
  return <input {...rest} className="input" type="text" value={value} onChange={(e) => onChange(e.target.value)} />;
}

function ListInput({
  value,
  onChange,
  maxItems,
  maxLength,
  ...rest
}: {
  value: string[];
  onChange: (v: string[]) => void;
  maxItems: number;
  maxLength: number;
  id: string;
  disabled?: boolean;
  "aria-describedby"?: string;
  "data-testid": string;
}) {
  const [text, setText] = useState(value.join("\n"));
  const { t } = useTranslation();
  useEffect(() => {
    setText((t) => (sameList(parseList(t), value) ? t : value.join("\n")));
  }, [value]);
  return (
    <>
      <textarea
        {...rest}
        className="input"
        rows={Math.min(5, Math.max(2, value.length + 1))}
        value={text}
        placeholder={t("prop.onePerLine")}
        onChange={(e) => {
          setText(e.target.value);
          onChange(parseList(e.target.value).map((s) => s.slice(0, maxLength)).slice(0, maxItems));
        }}
      />
      <span className="prop-help">
        {t("prop.listCount", { count: value.length, max: maxItems })}
      </span>
    </>
  );
}

const parseList = (t: string) =>
  t
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
const sameList = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function MapInput({
  value,
  onChange,
  maxItems,
  disabled,
  testId,
}: {
  value: Record<string, string>;
  onChange: (v: Record<string, string>) => void;
  maxItems: number;
  disabled?: boolean;
  testId: string;
}) {
  const entries = Object.entries(value);
  const [draftKey, setDraftKey] = useState("");
  const { t } = useTranslation();
  const bytes = new TextEncoder().encode(entries.map(([k, v]) => k + v).join("")).length;
  const setAt = (i: number, k: string, v: string) => {
    const next = entries.map((e, j) => (j === i ? [k, v] : e));
    onChange(Object.fromEntries(next));
  };
  return (
    <div className="map-input" data-testid={testId}>
      {entries.map(([k, v], i) => (
        <div className="map-row" key={i}>
          <input className="input" aria-label={t("prop.mapName")} value={k} disabled={disabled} onChange={(e) => e.target.value && setAt(i, e.target.value, v)} />
          <input className="input" aria-label={t("prop.mapValue", { key: k })} value={v} disabled={disabled} onChange={(e) => setAt(i, k, e.target.value)} />
          <button
            type="button"
            className="icon-btn"
            aria-label={t("prop.mapRemove", { key: k })}
            disabled={disabled}
            onClick={() => onChange(Object.fromEntries(entries.filter((_, j) => j !== i)))}
          >
            ×
          </button>
        </div>
      ))}
      {!disabled && entries.length < maxItems && (
        <div className="map-row">
          <input
            className="input"
            aria-label={t("prop.mapNew")}
            placeholder="NAME"
            value={draftKey}
            onChange={(e) => setDraftKey(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter" && draftKey.trim() && !(draftKey.trim() in value)) {
                onChange({ ...value, [draftKey.trim()]: "" });
                setDraftKey("");
              }
            }}
          />
          <button
            type="button"
            className="btn btn-sm"
            disabled={!draftKey.trim() || draftKey.trim() in value}
            onClick={() => {
              onChange({ ...value, [draftKey.trim()]: "" });
              setDraftKey("");
            }}
          >
            {t("prop.add")}
          </button>
        </div>
      )}
      <span className="prop-help">{t("prop.mapBytes", { bytes: bytes.toLocaleString() })}</span>
    </div>
  );
}
