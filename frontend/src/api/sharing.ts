/** Review links (owner), the review API (anyone with a token), and comments. */
import type { Document } from "../document/types";
import { del, get, patch, post } from "./client";
import type { Render, RenderFormat } from "./renders";
import type { Report } from "./validate";

export type LinkRole = "view" | "comment";
export type Verdict = "approved" | "changes_requested";

export interface ShareLink {
  id: number;
  role: LinkRole;
  token_prefix: string;
  frozen_revision: number | null;
  expires_at: string | null;
  revoked: boolean;
  created_at: string;
  /** Only in the response that created the link: the clear token is never stored. */
  token?: string;
  url?: string;
}

export interface Comment {
  id: number;
  /** The first comment of the thread, or null for a thread's first comment. */
  parent: number | null;
  node: string | null;
  edge: string | null;
  finding_rule: string | null;
  body: string;
  author_name: string;
  is_owner: boolean;
  verdict: Verdict | null;
  revision: number;
  resolved: boolean;
  created_at: string;
}

export interface IdChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

export interface Changes {
  since: number;
  nodes: IdChanges;
  edges: IdChanges;
}

export interface Review {
  name: string;
  role: LinkRole;
  revision: number;
  latest_revision: number;
  frozen: boolean;
  document: Document;
  findings: Report;
  comments: Comment[];
  changes: Changes | null;
}

export interface NewComment {
  body: string;
  node?: string | null;
  edge?: string | null;
  finding_rule?: string | null;
  parent?: number | null;
  verdict?: Verdict | null;
}

const t = (token: string) => encodeURIComponent(token);

// Owner
export const listLinks = (diagramId: number) => get<ShareLink[]>(`/api/diagrams/${diagramId}/share-links/`);
export const createLink = (diagramId: number, body: { role: LinkRole; expires_at: string | null; freeze: boolean }) =>
  post<ShareLink>(`/api/diagrams/${diagramId}/share-links/`, body);
export const revokeLink = (id: number) => del<void>(`/api/share-links/${id}/`);
export const listComments = (diagramId: number) => get<Comment[]>(`/api/diagrams/${diagramId}/comments/`);
export const postOwnerComment = (diagramId: number, body: NewComment) => post<Comment>(`/api/diagrams/${diagramId}/comments/`, body);
export const setResolved = (id: number, resolved: boolean) => patch<Comment>(`/api/comments/${id}/`, { resolved });

// Reviewer (the token is the key; no session needed)
export const getReview = (token: string, since?: number | null, signal?: AbortSignal) =>
  get<Review>(`/api/review/${t(token)}/${since ? `?since=${since}` : ""}`, { signal });
export const postReviewComment = (token: string, body: NewComment & { author_name: string }) =>
  post<Comment>(`/api/review/${t(token)}/comments/`, body);
export const startReviewRender = (token: string, format: RenderFormat, layout: "auto" | "canvas" = "canvas") =>
  post<Render>(`/api/review/${t(token)}/renders/`, { format, layout });
export const getReviewRender = (token: string, id: Render["id"]) => get<Render>(`/api/review/${t(token)}/renders/${id}/`);
