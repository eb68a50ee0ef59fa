import { useEffect, useState } from "react";
import { ApiError } from "../api/client";
import { listStarters, type Starter } from "../api/diagrams";
import { Dialog } from "../components/Dialog";
import { emptyDocument, type Document } from "../document/types";
import { useTranslation } from "react-i18next";

/** Pick a starter (or a blank canvas) and a name. */
export function NewDiagramDialog({ onClose, onCreate }: { onClose: () => void; onCreate: (doc: Document) => Promise<void> }) {
  const [starters, setStarters] = useState<Starter[] | null>(null);
  const [choice, setChoice] = useState<string>("blank");
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { t } = useTranslation();

  useEffect(() => {
    listStarters()
      .then(setStarters)
      .catch((e: ApiError) => {
        setStarters([]);
        setError(t("newDiagram.startersUnavailable", { error: e.detail }));
      });
  }, [t]);

  const chosen = starters?.find((s) => s.key === choice);
  const create = async () => {
    setBusy(true);
    setError(null);
    const doc: Document = chosen ? structuredClone(chosen.document) : emptyDocument();
    doc.name = name.trim() || chosen?.name || t("common.untitled");
    try {
      await onCreate(doc);
    } catch (e) {
      setError(e instanceof ApiError ? e.detail : String(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t("list.newDiagram")}
      wide
      onClose={onClose}
      testId="new-diagram-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t("common.cancel")}
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void create()} disabled={busy} data-testid="create-diagram">
            {busy ? t("newDiagram.creating") : t("newDiagram.create")}
          </button>
        </>
      }
    >
      <label className="field">
        <span className="field-label">{t("props.name")}</span>
        <input
          className="input"
          value={name}
          maxLength={200}
          placeholder={chosen?.name ?? t("common.untitled")}
          onChange={(e) => setName(e.target.value)}
          data-testid="new-diagram-name"
        />
      </label>
      <fieldset className="starter-grid">
        <legend className="field-label">{t("newDiagram.startFrom")}</legend>
        <StarterCard
          id="blank"
          name={t("newDiagram.blank")}
          description={t("newDiagram.blankHelp")}
          checked={choice === "blank"}
          onChoose={setChoice}
        />
        {starters === null && <p className="muted">{t("newDiagram.loading")}</p>}
        {starters?.map((s) => (
          <StarterCard
            key={s.key}
            id={s.key}
            name={s.name}
            description={s.description}
            count={s.document.nodes.length}
            checked={choice === s.key}
            onChoose={setChoice}
          />
        ))}
      </fieldset>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  );
}

function StarterCard(props: {
  id: string;
  name: string;
  description: string;
  count?: number;
  checked: boolean;
  onChoose: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <label className={props.checked ? "starter-card checked" : "starter-card"} data-testid={`starter-${props.id}`}>
      <input type="radio" name="starter" value={props.id} checked={props.checked} onChange={() => props.onChoose(props.id)} />
      <span className="starter-name">{props.name}</span>
      <span className="starter-desc">{props.description}</span>
      {props.count !== undefined && <span className="muted small">{t("props.components", { count: props.count })}</span>}
    </label>
  );
}
