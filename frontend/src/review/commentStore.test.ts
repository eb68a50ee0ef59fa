import { beforeEach, describe, expect, it } from "vitest";
import type { Comment } from "../api/sharing";
import { useComments } from "./commentStore";

const c = (id: number, over: Partial<Comment> = {}): Comment => ({
  id,
  parent: null,
  node: "fn",
  edge: null,
  finding_rule: null,
  body: `c${id}`,
  author_name: "Kim",
  is_owner: false,
  verdict: null,
  revision: 1,
  resolved: false,
  created_at: `2025-01-01T00:00:0${id}Z`,
  ...over,
});

describe("comment store", () => {
  beforeEach(() => useComments.getState().setAll([]));

  it("keeps the same state when a poll brings nothing new", () => {
    useComments.getState().setAll([c(1)]);
    const before = useComments.getState().byNode;
    useComments.getState().setAll([c(1)]);
    expect(useComments.getState().byNode).toBe(before);
    useComments.getState().setAll([c(1, { resolved: true })]);
    expect(useComments.getState().byNode.get("fn")).toEqual({ comments: 1, open: 0 });
  });

  it("applies pushed comments and counts them on their node", () => {
    useComments.getState().upsert(c(1));
    useComments.getState().upsert(c(2, { parent: 1, node: null }));
    expect(useComments.getState().byNode.get("fn")).toEqual({ comments: 2, open: 1 });
    expect(useComments.getState().threads).toHaveLength(1);
  });

  it("counts every focus request, even for the same target", () => {
    useComments.getState().focusOn({ kind: "node", id: "fn" });
    const first = useComments.getState().focus;
    useComments.getState().focusOn({ kind: "node", id: "fn" });
    expect(useComments.getState().focus).not.toBe(first);
    expect(useComments.getState().focus?.n).toBe((first?.n ?? 0) + 1);
  });
});
