/**
 * The comments of the open diagram, for the editor (owner) and the review page (reviewer):
 * the list, its threads, counts per node and edge for the canvas badges, and which target a
 * person asked to look at (a badge click).
 */
import { create } from "zustand";
import type { Comment } from "../api/sharing";
import { buildThreads, countsBy, upsertComment, type Target, type TargetCount, type Thread } from "./threads";

export interface CommentState {
  comments: Comment[];
  threads: Thread[];
  byNode: Map<string, TargetCount>;
  byEdge: Map<string, TargetCount>;
  /** The target a badge click asked for; `n` changes on every request so a second click counts. */
  focus: { target: Target; n: number } | null;
  /** A request to write about a target (a finding's "Comment" button), taken once by the composer. */
  compose: { target: Target; n: number } | null;
  setAll(comments: Comment[]): void;
  upsert(comment: Comment): void;
  focusOn(target: Target | null): void;
  composeOn(target: Target | null): void;
}

function derive(comments: Comment[]) {
  const threads = buildThreads(comments);
  return { comments, threads, byNode: countsBy(threads, "node"), byEdge: countsBy(threads, "edge") };
}

const same = (a: Comment[], b: Comment[]) =>
  a.length === b.length && a.every((c, i) => c.id === b[i].id && c.resolved === b[i].resolved && c.body === b[i].body);

export const useComments = create<CommentState>()((set, get) => ({
  ...derive([]),
  focus: null,
  compose: null,
  setAll: (comments) => {
    if (!same(get().comments, comments)) set(derive(comments)); // polls mostly bring nothing new
  },
  upsert: (comment) => set(derive(upsertComment(get().comments, comment))),
  focusOn: (target) => set({ focus: target ? { target, n: (get().focus?.n ?? 0) + 1 } : null }),
  composeOn: (target) => set({ compose: target ? { target, n: (get().compose?.n ?? 0) + 1 } : null }),
}));
