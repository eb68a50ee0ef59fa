import type { Document } from "../document/types";
import { post } from "./client";
import type { Severity } from "./rules";

export interface Finding {
  rule: string;
  severity: Severity;
  nodes: string[];
  edges: string[];
  message: string;
  hint: string;
}

export interface Counts {
  error: number;
  warning: number;
  info: number;
}

export interface Report {
  valid: boolean;
  counts: Counts;
  findings: Finding[];
}

/** POST /api/validate/: 200 with a report; ApiError(400) with `problems` for an invalid document. */
export const validateDocument = (doc: Document, signal?: AbortSignal) =>
  post<Report>("/api/validate/", doc, { signal });
