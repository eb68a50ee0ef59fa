/**
 * The editor's data, requested as soon as the page's entry runs: the catalog, the diagram and
 * the rules download while the editor's code (React Flow included) is still loading, instead
 * of after it.
 */
import type { Rule } from "../api/rules";
import { fetchRules } from "../api/rules";
import { fetchCatalog } from "../api/catalog";
import { getDiagram, type Diagram } from "../api/diagrams";
import type { CatalogJson } from "../document/catalog";

export type EditorData = [CatalogJson, Diagram, Rule[]];

let pending: { id: number; data: Promise<EditorData> } | null = null;

const request = (id: number): Promise<EditorData> =>
  Promise.all([fetchCatalog(), getDiagram(id), fetchRules().catch(() => [] as Rule[])]);

/** Start the requests (once per diagram). */
export function preloadEditor(id: number): void {
  if (pending?.id === id) return;
  const data = request(id);
  data.catch(() => undefined); // reported when taken
  pending = { id, data };
}

/** The preloaded data for `id` (taken once: a later call asks the server again). */
export function editorData(id: number): Promise<EditorData> {
  const p = pending?.id === id ? pending.data : request(id);
  pending = null;
  return p;
}
