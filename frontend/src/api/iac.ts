import { currentLanguage } from "../i18n";
import type { Document } from "../document/types";
import { ApiError, post } from "./client";

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

export type IacFormat = "sam" | "drawio";

/** Where the server writes a diagram as infrastructure code (downloads). */
export const exportUrl = (diagramId: number, format: IacFormat) => `/api/diagrams/${diagramId}/export/${format}`;

/** The file name a download's `Content-Disposition` gives, else `fallback`. */
export function attachmentName(disposition: string | null, fallback: string): string {
  const m = disposition?.match(/filename="([^"]+)"/);
  return m ? m[1] : fallback;
}

/**
 * GET the export as a file: its text and the name the server gives it. A refusal (400: the
 * diagram cannot be written, with the reason) is an `ApiError` carrying the server's words.
 */
export async function fetchExport(diagramId: number, format: IacFormat, signal?: AbortSignal): Promise<{ blob: Blob; filename: string }> {
  let res: Response;
  try {
    res = await fetch(exportUrl(diagramId, format), { credentials: "same-origin", signal, headers: { "Accept-Language": currentLanguage() } });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError(0, null);
  }
  if (!res.ok) {
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = { detail: text.slice(0, 200) || res.statusText };
    }
    throw new ApiError(res.status, body);
  }
  const fallback = format === "sam" ? "template.yaml" : "diagram.drawio";
  return { blob: await res.blob(), filename: attachmentName(res.headers.get("Content-Disposition"), fallback) };
}
