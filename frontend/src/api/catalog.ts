import type { CatalogJson } from "../document/catalog";
import { get } from "./client";

/** GET /api/catalog/ (ETag-cached by the browser's HTTP cache). */
export const fetchCatalog = () => get<CatalogJson>("/api/catalog/");
