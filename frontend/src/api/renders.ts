import { get, post } from "./client";

export type RenderFormat = "png" | "svg" | "pdf";
export type RenderLayout = "auto" | "canvas";

/** What POST /api/diagrams/{id}/renders/ accepts (scale matters for PNG only). */
export interface RenderOptions {
  format: RenderFormat;
  layout: RenderLayout;
  scale: 1 | 2 | 3;
  transparent: boolean;
}

export interface Render {
  id: number | string;
  status: "pending" | "running" | "done" | "failed";
  url: string | null;
  error: string | null;
  size_bytes?: number | null;
}

export const startRender = (diagramId: number, options: RenderOptions) => post<Render>(`/api/diagrams/${diagramId}/renders/`, options);
export const getRender = (id: Render["id"]) => get<Render>(`/api/renders/${id}/`);
