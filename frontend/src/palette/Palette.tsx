import { useReactFlow } from "@xyflow/react";
import { memo, useMemo, useState, type DragEvent } from "react";
import type { TypeSpec } from "../document/catalog";
import { DRAG_TYPE } from "../canvas/Canvas";
import { endPlacement, flagDrop, startPlacement } from "../canvas/placementHighlight";
import { addNodeAt } from "../store/commands";
import { useUi } from "../store/uiStore";
import { editorStore, useEditor } from "../store/useEditor";
import { useTranslation } from "react-i18next";

/** The components from the catalog, grouped by category, searchable; drag onto the canvas or press Enter. */
export const Palette = memo(function Palette() {
  const catalog = useEditor((s) => s.catalog);
  const readOnly = useEditor((s) => s.readOnly);
  const [query, setQuery] = useState("");
  const { t } = useTranslation();
  const { screenToFlowPosition } = useReactFlow();

  const groups = useMemo(() => {
    if (!catalog) return [];
    const q = query.trim().toLowerCase();
    const match = (t: TypeSpec) =>
      !q || t.label.toLowerCase().includes(q) || t.type.includes(q) || t.description.toLowerCase().includes(q);
    return catalog.categories.map((c) => ({ ...c, types: catalog.typesIn(c.key).filter(match) })).filter((g) => g.types.length);
  }, [catalog, query]);

  if (readOnly) return null;

  const addAtCenter = (type: string) => {
    const el = document.querySelector(".react-flow");
    const r = el?.getBoundingClientRect();
    const point = r ? screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 }) : { x: 0, y: 0 };
    const id = addNodeAt(type, point, useUi.getState().snap);
    if (id) {
      flagDrop(editorStore.getState().doc, editorStore.getState().catalog, [id]);
      useUi.getState().showToast(t("palette.added", { name: catalog?.get(type)?.label ?? type }));
    }
  };

  return (
    <aside className="palette" aria-label={t("palette.title")} data-testid="palette">
      <div className="palette-search">
        <input
          type="search"
          className="input"
          placeholder={t("palette.search")}
          aria-label={t("palette.search")}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="palette-search"
        />
      </div>
      <div className="palette-groups">
        {!catalog && <p className="muted pad">{t("palette.loading")}</p>}
        {catalog && groups.length === 0 && <p className="muted pad">{t("palette.noMatch", { query })}</p>}
        {groups.map((g) => (
          <section key={g.key} className="palette-group" aria-labelledby={`cat-${g.key}`}>
            <h3 id={`cat-${g.key}`}>{g.label}</h3>
            <ul>
              {g.types.map((t) => (
                <li key={t.type}>
                  <PaletteItem spec={t} onAdd={addAtCenter} />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <p className="palette-tip muted small">{t("palette.tip")}</p>
    </aside>
  );
});

function PaletteItem({ spec, onAdd }: { spec: TypeSpec; onAdd: (type: string) => void }) {
  const { t } = useTranslation();
  const onDragStart = (e: DragEvent) => {
    e.dataTransfer.setData(DRAG_TYPE, spec.type);
    e.dataTransfer.effectAllowed = "copy";
    // The containers this type may go into light up (the canvas follows the pointer).
    const { doc, catalog } = editorStore.getState();
    if (catalog) startPlacement(doc, catalog, spec.type);
  };
  return (
    <button
      type="button"
      className="palette-item"
      draggable
      onDragStart={onDragStart}
      onDragEnd={endPlacement}
      onClick={(e) => {
        // Keyboard activation adds at the center; a mouse click just explains that dragging works.
        if (e.detail === 0) onAdd(spec.type);
      }}
      onDoubleClick={() => onAdd(spec.type)}
      title={`${spec.label}: ${spec.description}`}
      data-testid={`palette-item-${spec.type}`}
    >
      <img src={spec.icon} alt="" width={28} height={28} draggable={false} />
      <span className="palette-item-text">
        <span className="palette-item-label">{spec.label}</span>
        {spec.container && <span className="palette-item-kind">{t("palette.container")}</span>}
      </span>
    </button>
  );
}
