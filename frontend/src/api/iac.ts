import type { Document } from "../document/types";
import { post } from "./client";

/** One thing the importer could not draw (or folded into an edge), located in the source file. */
export interface ImportNote {
  logical_id: string | null;
  type: string;
  line: number | null;
  status: "not_drawn" | "folded" | "note";
  message: string;
}

export interface Imported {
  document: Document;
  report: ImportNote[];
}

/** POST /api/import/: a SAM/CloudFormation template or a .drawio file becomes a document (nothing is stored). */
export const importSource = (text: string, filename: string) => post<Imported>("/api/import/", { text, filename });

/** Where the server writes a diagram as infrastructure code (downloads). */
export const exportUrl = (diagramId: number, format: "sam" | "drawio") => `/api/diagrams/${diagramId}/export/${format}`;
