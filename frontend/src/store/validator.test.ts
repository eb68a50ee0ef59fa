import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../api/client";
import type { Report } from "../api/validate";
import { nestedDoc } from "../test/fixtures";
import { Validator, type ValidationResult } from "./validator";

const report: Report = { valid: true, counts: { error: 0, warning: 0, info: 0 }, findings: [] };

describe("Validator", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("debounces: many quick changes make one request, with the latest document", async () => {
    const validate = vi.fn(async () => report);
    const results: ValidationResult[] = [];
    const v = new Validator({ validate, onResult: (r) => results.push(r), delay: 300 });
    const doc = nestedDoc();
    for (let i = 0; i < 5; i++) {
      v.schedule({ ...doc, name: `v${i}` });
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(validate).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(300);
    expect(validate).toHaveBeenCalledTimes(1);
    expect((validate.mock.calls[0] as unknown as [{ name: string }])[0].name).toBe("v4");
    expect(results).toEqual([{ status: "ok", report, problems: [] }]);
  });

  it("ignores an answer that arrives after a newer request started, and aborts the old one", async () => {
    const resolvers: ((r: Report) => void)[] = [];
    const signals: AbortSignal[] = [];
    const validate = vi.fn((_doc: unknown, signal: AbortSignal) => {
      signals.push(signal);
      return new Promise<Report>((resolve) => resolvers.push(resolve));
    });
    const results: ValidationResult[] = [];
    const v = new Validator({ validate, onResult: (r) => results.push(r), delay: 10 });
    v.schedule(nestedDoc());
    await vi.advanceTimersByTimeAsync(10);
    v.schedule(nestedDoc());
    await vi.advanceTimersByTimeAsync(10);
    expect(signals[0].aborted).toBe(true);
    const newer = { ...report, counts: { error: 1, warning: 0, info: 0 } };
    resolvers[1](newer);
    resolvers[0](report);
    await vi.advanceTimersByTimeAsync(0);
    expect(results).toHaveLength(1);
    expect(results[0].report).toBe(newer);
  });

  it("reports an invalid document with its problems", async () => {
    const validate = vi.fn(async () => {
      throw new ApiError(400, { detail: "invalid document", problems: [{ pointer: "/nodes/0/type", message: "unknown" }] });
    });
    const results: ValidationResult[] = [];
    const v = new Validator({ validate, onResult: (r) => results.push(r), delay: 0 });
    v.schedule(nestedDoc());
    await vi.advanceTimersByTimeAsync(0);
    expect(results[0]).toMatchObject({ status: "invalid", problems: [{ pointer: "/nodes/0/type" }] });
  });
});
