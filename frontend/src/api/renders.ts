import { get, post } from "./client";

export type RenderFormat = "png" | "svg";

export interface Render {
  id: number | string;
  status: "pending" | "running" | "done" | "failed";
  url: string | null;
  error: string | null;
}

export const startRender = (diagramId: number, format: RenderFormat, layout: "auto" | "canvas" = "canvas") =>
  post<Render>(`/api/diagrams/${diagramId}/renders/`, { format, layout });
export const getRender = (id: Render["id"]) => get<Render>(`/api/renders/${id}/`);
