import { describe, expect, it } from "vitest";
import { getReviewerName, getSeenRevision, setReviewerName, setSeenRevision, tokenKey, type KeyValueStore } from "./storage";

function memory(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe("reviewer storage", () => {
  it("remembers the display name, trimmed and bounded", () => {
    const s = memory();
    expect(getReviewerName(s)).toBe("");
    setReviewerName("  Kim Minji  ", s);
    expect(getReviewerName(s)).toBe("Kim Minji");
    setReviewerName("   ", s);
    expect(getReviewerName(s)).toBe("Kim Minji");
  });

  it("remembers the last commented revision per link, never going back", () => {
    const s = memory();
    expect(getSeenRevision("tok-a", s)).toBeNull();
    setSeenRevision("tok-a", 4, s);
    setSeenRevision("tok-a", 2, s);
    setSeenRevision("tok-b", 7, s);
    expect(getSeenRevision("tok-a", s)).toBe(4);
    expect(getSeenRevision("tok-b", s)).toBe(7);
  });

  it("keeps the token itself out of storage", () => {
    const s = memory();
    setSeenRevision("secret-token-value", 3, s);
    expect([...s.data.keys()].join()).not.toContain("secret");
    expect(tokenKey("a")).not.toBe(tokenKey("b"));
  });

  it("survives a storage that throws", () => {
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("denied");
      },
    };
    setSeenRevision("t", 3, broken);
    expect(getSeenRevision("t", broken)).toBeNull();
    expect(getReviewerName(broken)).toBe("");
  });
});
