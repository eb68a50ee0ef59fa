import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/client";
import type { Diagram } from "../api/diagrams";
import type { Document } from "../document/types";
import { nestedDoc } from "../test/fixtures";
import { Autosaver, type SaveStatus } from "./autosaver";

function setup(save: (doc: Document, revision: number) => Promise<Diagram>) {
  const state = { doc: nestedDoc(), version: 1, revision: 4 };
  const statuses: SaveStatus[] = [];
  const conflicts: Diagram[] = [];
  const saver = new Autosaver({
    save,
    current: () => state,
    onSaved: (d) => {
      state.revision = d.revision;
    },
    onStatus: (s) => statuses.push(s),
    onConflict: (d) => conflicts.push(d),
    delay: 500,
  });
  return { state, statuses, conflicts, saver };
}

const diagram = (revision: number) => ({ id: 1, revision }) as Diagram;

describe("Autosaver", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves once after a quiet period, with the revision precondition", async () => {
    const save = vi.fn(async (_d: Document, rev: number) => diagram(rev + 1));
    const { state, statuses, saver } = setup(save);
    state.version = 2;
    saver.changed();
    state.version = 3;
    saver.changed();
    await vi.advanceTimersByTimeAsync(499);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(1);
    expect(save.mock.calls[0][1]).toBe(4);
    expect(state.revision).toBe(5);
    expect(statuses.at(-1)).toBe("saved");
    expect(saver.dirty).toBe(false);
  });

  it("saves changes made during a save right after it, with the new revision", async () => {
    let release: (() => void) | null = null;
    const save = vi.fn(
      (_d: Document, rev: number) => new Promise<Diagram>((resolve) => (release = () => resolve(diagram(rev + 1)))),
    );
    const { state, saver } = setup(save);
    state.version = 2;
    saver.changed();
    await vi.advanceTimersByTimeAsync(500);
    state.version = 3;
    saver.changed();
    release!();
    await vi.advanceTimersByTimeAsync(600);
    expect(save).toHaveBeenCalledTimes(2);
    expect(save.mock.calls[1][1]).toBe(5);
    release!();
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.dirty).toBe(false);
  });

  it("stops on a conflict, keeps the user's document and hands over the server's", async () => {
    const theirs = { ...diagram(9), detail: "stale" };
    const save = vi.fn(async () => {
      throw new ApiError(409, theirs);
    });
    const { state, statuses, conflicts, saver } = setup(save);
    state.version = 2;
    saver.changed();
    await vi.advanceTimersByTimeAsync(500);
    expect(statuses.at(-1)).toBe("conflict");
    expect(conflicts[0].revision).toBe(9);
    expect(saver.dirty).toBe(true);
    state.version = 3;
    saver.changed();
    await vi.advanceTimersByTimeAsync(5000);
    expect(save).toHaveBeenCalledTimes(1);
  });
});
