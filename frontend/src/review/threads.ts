/**
 * Comments -> threads (pure). A thread is a first comment and its replies (`parent` is always
 * the thread's first comment: the server flattens replies to replies). What a thread is about
 * comes from its first comment: a node, an edge, a finding's rule, or the whole diagram.
 */
import type { Comment, Verdict } from "../api/sharing";

export type TargetKind = "node" | "edge" | "finding" | "diagram";

export interface Target {
  kind: TargetKind;
  /** Node id, edge id or rule id; null for the whole diagram. */
  id: string | null;
  /** For a finding: the node it is on (a rule can fire on several), when the comment names one. */
  node?: string | null;
}

export interface Thread {
  root: Comment;
  replies: Comment[];
  target: Target;
  resolved: boolean;
  /** Comments in the thread (the first one and the replies). */
  size: number;
  /** ISO time of the newest comment. */
  lastActivity: string;
}

export interface TargetCount {
  /** Comments in the threads about this target. */
  comments: number;
  /** Threads about it that are not resolved. */
  open: number;
}

export interface VerdictEntry {
  author: string;
  verdict: Verdict;
  revision: number;
  at: string;
}

export const DIAGRAM: Target = { kind: "diagram", id: null };

export function targetOf(c: Pick<Comment, "node" | "edge" | "finding_rule">): Target {
  // A finding's comment may name its node too: it is about the finding, shown on that node.
  if (c.finding_rule) return c.node ? { kind: "finding", id: c.finding_rule, node: c.node } : { kind: "finding", id: c.finding_rule };
  if (c.node) return { kind: "node", id: c.node };
  if (c.edge) return { kind: "edge", id: c.edge };
  return DIAGRAM;
}

export const targetKey = (t: Target): string => (t.id === null ? t.kind : `${t.kind}:${t.id}${t.node ? `@${t.node}` : ""}`);

export function sameTarget(a: Target, b: Target): boolean {
  return a.kind === b.kind && a.id === b.id && (a.node ?? null) === (b.node ?? null);
}

/** `t` is `target`, or a finding on the node `target` is (a node's threads include its findings'). */
export function concerns(t: Target, target: Target): boolean {
  return sameTarget(t, target) || (target.kind === "node" && t.kind === "finding" && !!t.node && t.node === target.id);
}

/** The API fields of a new comment about `t`. */
export function targetFields(t: Target): { node?: string; edge?: string; finding_rule?: string } {
  if (t.kind === "node" && t.id) return { node: t.id };
  if (t.kind === "edge" && t.id) return { edge: t.id };
  if (t.kind === "finding" && t.id) return t.node ? { finding_rule: t.id, node: t.node } : { finding_rule: t.id };
  return {};
}

const byTime = (a: Comment, b: Comment) => a.created_at.localeCompare(b.created_at) || a.id - b.id;

/** Threads, open ones first, then the most recently active first. */
export function buildThreads(comments: readonly Comment[]): Thread[] {
  const sorted = [...comments].sort(byTime);
  const roots = new Map<number, Comment>();
  const replies = new Map<number, Comment[]>();
  const ids = new Set(sorted.map((c) => c.id));
  // A reply whose first comment is missing (it should not happen) is shown as its own thread.
  for (const c of sorted) if (c.parent === null || !ids.has(c.parent)) roots.set(c.id, c);
  for (const c of sorted) {
    if (roots.has(c.id)) continue;
    const list = replies.get(c.parent!) ?? [];
    list.push(c);
    replies.set(c.parent!, list);
  }
  const threads: Thread[] = [...roots.values()].map((root) => {
    const r = replies.get(root.id) ?? [];
    return {
      root,
      replies: r,
      target: targetOf(root),
      resolved: root.resolved,
      size: 1 + r.length,
      lastActivity: (r.length ? r[r.length - 1] : root).created_at,
    };
  });
  return threads.sort(
    (a, b) => Number(a.resolved) - Number(b.resolved) || b.lastActivity.localeCompare(a.lastActivity) || b.root.id - a.root.id,
  );
}

/**
 * Per node (or edge) id: how many comments are about it and how many threads are still open.
 * A node counts the threads about its findings too.
 */
export function countsBy(threads: readonly Thread[], kind: "node" | "edge"): Map<string, TargetCount> {
  const out = new Map<string, TargetCount>();
  for (const t of threads) {
    const id = t.target.kind === kind ? t.target.id : kind === "node" && t.target.kind === "finding" ? (t.target.node ?? null) : null;
    if (!id) continue;
    const c = out.get(id) ?? { comments: 0, open: 0 };
    out.set(id, { comments: c.comments + t.size, open: c.open + (t.resolved ? 0 : 1) });
  }
  return out;
}

/** Each reviewer's latest verdict, newest first. */
export function latestVerdicts(comments: readonly Comment[]): VerdictEntry[] {
  const latest = new Map<string, VerdictEntry>();
  for (const c of [...comments].sort(byTime)) {
    if (!c.verdict || c.is_owner) continue;
    latest.set(c.author_name.trim().toLowerCase(), { author: c.author_name, verdict: c.verdict, revision: c.revision, at: c.created_at });
  }
  return [...latest.values()].sort((a, b) => b.at.localeCompare(a.at));
}

/** Insert or replace one comment (a socket event, a POST answer), keeping the list's order. */
export function upsertComment(list: readonly Comment[], c: Comment): Comment[] {
  const i = list.findIndex((x) => x.id === c.id);
  if (i === -1) return [...list, c];
  const out = [...list];
  out[i] = c;
  return out;
}
