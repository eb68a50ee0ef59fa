import { describe, expect, it } from "vitest";
import type { Comment } from "../api/sharing";
import { buildThreads, concerns, countsBy, latestVerdicts, sameTarget, targetFields, targetKey, targetOf, upsertComment } from "./threads";

let seq = 0;
function c(over: Partial<Comment> = {}): Comment {
  seq += 1;
  return {
    id: seq,
    parent: null,
    node: null,
    edge: null,
    finding_rule: null,
    body: `comment ${seq}`,
    author_name: "Kim",
    is_owner: false,
    verdict: null,
    revision: 1,
    resolved: false,
    created_at: `2025-01-01T00:00:${String(seq).padStart(2, "0")}Z`,
    ...over,
  };
}

describe("threads", () => {
  it("groups replies under their first comment, in time order", () => {
    const a = c({ node: "fn" });
    const b = c({ edge: "e1" });
    const r1 = c({ parent: a.id, is_owner: true, author_name: "ada" });
    const r2 = c({ parent: a.id });
    const threads = buildThreads([r2, b, a, r1]);
    expect(threads.map((t) => t.root.id)).toEqual([a.id, b.id]); // a's thread was active last
    expect(threads[0].replies.map((r) => r.id)).toEqual([r1.id, r2.id]);
    expect(threads[0].size).toBe(3);
    expect(threads[0].target).toEqual({ kind: "node", id: "fn" });
    expect(threads[1].target).toEqual({ kind: "edge", id: "e1" });
  });

  it("puts resolved threads last and keeps an orphan reply visible", () => {
    const done = c({ resolved: true });
    const open = c({ finding_rule: "LAMBDA_MEMORY_RANGE" });
    const orphan = c({ parent: 999 });
    const threads = buildThreads([done, open, orphan]);
    expect(threads.map((t) => t.root.id)).toEqual([orphan.id, open.id, done.id]);
    expect(threads[1].target).toEqual({ kind: "finding", id: "LAMBDA_MEMORY_RANGE" });
  });

  it("counts comments and open threads per node", () => {
    const a = c({ node: "fn" });
    const reply = c({ parent: a.id });
    const b = c({ node: "fn", resolved: true });
    const other = c({ node: "table" });
    const counts = countsBy(buildThreads([a, reply, b, other, c()]), "node");
    expect(counts.get("fn")).toEqual({ comments: 3, open: 1 });
    expect(counts.get("table")).toEqual({ comments: 1, open: 1 });
    expect(counts.size).toBe(2);
  });

  it("keeps each reviewer's latest verdict", () => {
    const list = [
      c({ verdict: "changes_requested", author_name: "Kim", revision: 2 }),
      c({ verdict: "approved", author_name: "Lee" }),
      c({ verdict: "approved", author_name: "kim ", revision: 3 }),
      c({ verdict: null, author_name: "Kim" }),
    ];
    expect(latestVerdicts(list).map((v) => [v.author.trim(), v.verdict, v.revision])).toEqual([
      ["kim", "approved", 3],
      ["Lee", "approved", 1],
    ]);
  });

  it("maps targets to keys and API fields", () => {
    expect(targetOf({ node: "fn", edge: null, finding_rule: null })).toEqual({ kind: "node", id: "fn" });
    expect(targetKey({ kind: "diagram", id: null })).toBe("diagram");
    expect(targetKey({ kind: "edge", id: "e1" })).toBe("edge:e1");
    expect(targetFields({ kind: "finding", id: "R" })).toEqual({ finding_rule: "R" });
    expect(targetFields({ kind: "diagram", id: null })).toEqual({});
  });

  it("keeps a finding's node: its own target, counted on the node", () => {
    const onFn = c({ finding_rule: "LAMBDA_MEMORY_RANGE", node: "fn" });
    const reply = c({ parent: onFn.id });
    const t = targetOf(onFn);
    expect(t).toEqual({ kind: "finding", id: "LAMBDA_MEMORY_RANGE", node: "fn" });
    expect(targetKey(t)).toBe("finding:LAMBDA_MEMORY_RANGE@fn");
    expect(targetFields(t)).toEqual({ finding_rule: "LAMBDA_MEMORY_RANGE", node: "fn" });
    expect(sameTarget(t, { kind: "finding", id: "LAMBDA_MEMORY_RANGE" })).toBe(false);
    expect(sameTarget(t, { kind: "finding", id: "LAMBDA_MEMORY_RANGE", node: "fn" })).toBe(true);
    expect(concerns(t, { kind: "node", id: "fn" })).toBe(true);
    expect(concerns(t, { kind: "node", id: "db" })).toBe(false);
    const counts = countsBy(buildThreads([onFn, reply, c({ node: "fn" })]), "node");
    expect(counts.get("fn")).toEqual({ comments: 3, open: 2 });
  });

  it("upserts by id", () => {
    const a = c();
    const b = c();
    const list = upsertComment(upsertComment([], a), b);
    const resolved = upsertComment(list, { ...a, resolved: true });
    expect(resolved.map((x) => x.id)).toEqual([a.id, b.id]);
    expect(resolved[0].resolved).toBe(true);
    expect(list[0].resolved).toBe(false);
  });
});
