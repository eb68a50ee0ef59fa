/** /api/diagrams/{id}/members/ (docs/collab.md, "Who may do what"): the owner's list of people who edit or watch live. */
import { del, get, post } from "../api/client";

export type MemberRole = "editor" | "viewer";
export const MEMBER_ROLES: MemberRole[] = ["editor", "viewer"];

export interface Member {
  username: string;
  name: string;
  role: MemberRole;
  added_at: string;
}

const base = (diagramId: number) => `/api/diagrams/${diagramId}/members/`;

export const listMembers = (diagramId: number) => get<Member[]>(base(diagramId));
/** Adds one, or changes the role of one already there. */
export const addMember = (diagramId: number, username: string, role: MemberRole) => post<Member>(base(diagramId), { username, role });
export const removeMember = (diagramId: number, username: string) => del<void>(`${base(diagramId)}${encodeURIComponent(username)}/`);
