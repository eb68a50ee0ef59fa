/**
 * Live validation: each document change schedules POST /api/validate/ after a quiet period;
 * a newer change aborts the request in flight and only the latest answer is applied.
 */
import { ApiError, type Problem } from "../api/client";
import type { Report } from "../api/validate";
import type { Document } from "../document/types";

/** Quiet period after the last change before the document is validated. */
export const VALIDATE_DEBOUNCE_MS = 300;

export type ValidationStatus = "idle" | "pending" | "ok" | "invalid" | "offline";

export interface ValidationResult {
  status: ValidationStatus;
  report: Report | null;
  problems: Problem[];
  error?: string;
}

export interface ValidatorOptions {
  validate: (doc: Document, signal: AbortSignal) => Promise<Report>;
  onResult: (result: ValidationResult) => void;
  onPending?: () => void;
  delay?: number;
}

export class Validator {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private controller: AbortController | null = null;
  private seq = 0;
  private readonly delay: number;

  constructor(private readonly opts: ValidatorOptions) {
    this.delay = opts.delay ?? VALIDATE_DEBOUNCE_MS;
  }

  schedule(doc: Document): void {
    if (this.timer) clearTimeout(this.timer);
    this.opts.onPending?.();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run(doc);
    }, this.delay);
  }

  /** Validate now, dropping a scheduled run (a drop: the placement finding should not wait). */
  now(doc: Document): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.opts.onPending?.();
    void this.run(doc);
  }

  /** Validate now (initial load). */
  async run(doc: Document): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const seq = ++this.seq;
    try {
      const report = await this.opts.validate(doc, controller.signal);
      if (seq === this.seq) this.opts.onResult({ status: "ok", report, problems: [] });
    } catch (err) {
      if (seq !== this.seq || (err as Error).name === "AbortError") return;
      if (err instanceof ApiError && err.status === 400) {
        this.opts.onResult({ status: "invalid", report: null, problems: err.problems, error: err.detail });
      } else {
        this.opts.onResult({ status: "offline", report: null, problems: [], error: (err as Error).message });
      }
    } finally {
      if (this.controller === controller) this.controller = null;
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.controller?.abort();
    this.seq++;
  }
}
