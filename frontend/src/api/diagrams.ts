import type { Document } from "../document/types";
import { del, get, patch, post, put } from "./client";
import type { Counts, Report } from "./validate";

export interface DiagramSummary {
  id: number;
  name: string;
  revision: number;
  updated_at: string;
  created_at: string;
  counts: Counts;
}

export interface Diagram {
  id: number;
  name: string;
  revision: number;
  document: Document;
  findings: Report;
  created_at: string;
  updated_at: string;
}

export interface RevisionSummary {
  number: number;
  created_at: string;
  reason: string;
  content_hash: string;
  /** Who saved it (null once the account is gone). */
  author?: string | null;
  /** What this save changed from the one before (server: builder/diff.py), for recent revisions. */
  summary?: string | null;
}

export interface RevisionDetail extends RevisionSummary {
  document: Document;
}

export interface Starter {
  key: string;
  name: string;
  description: string;
  document: Document;
}

const base = "/api/diagrams/";

export const listDiagrams = () => get<DiagramSummary[]>(base);
export const createDiagram = (document: Document) => post<Diagram>(base, { document });
export const getDiagram = (id: number) => get<Diagram>(`${base}${id}/`);
/** PUT with the revision precondition: ApiError(409) whose body is the current diagram when stale. */
export const saveDiagram = (id: number, revision: number, document: Document) =>
  put<Diagram>(`${base}${id}/`, { revision, document });
export const renameDiagram = (id: number, name: string) => patch<Diagram>(`${base}${id}/`, { name });
export const deleteDiagram = (id: number) => del<void>(`${base}${id}/`);
export const duplicateDiagram = (id: number) => post<Diagram>(`${base}${id}/duplicate/`);
export const listRevisions = (id: number) => get<RevisionSummary[]>(`${base}${id}/revisions/`);
export const getRevision = (id: number, n: number) => get<RevisionDetail>(`${base}${id}/revisions/${n}/`);
export const restoreRevision = (id: number, n: number) => post<Diagram>(`${base}${id}/revisions/${n}/restore/`);
export const listStarters = () => get<Starter[]>("/api/starters/");
