/**
 * Autosave with the revision precondition. Changes are saved after a quiet period, one PUT
 * at a time; changes made while a save is in flight are saved right after it. A 409 stops
 * autosaving (nothing is overwritten) until the user resolves the conflict.
 */
import { ApiError } from "../api/client";
import type { Diagram } from "../api/diagrams";
import type { Document } from "../document/types";

export type SaveStatus = "saved" | "dirty" | "saving" | "error" | "conflict";

export interface AutosaverOptions {
  save: (doc: Document, revision: number) => Promise<Diagram>;
  /** The latest document, its version (bumped on each change) and the revision it is based on. */
  current: () => { doc: Document; version: number; revision: number };
  onSaved: (diagram: Diagram, version: number) => void;
  onStatus: (status: SaveStatus, error?: string) => void;
  onConflict: (current: Diagram) => void;
  delay?: number;
}

export class Autosaver {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private savedVersion: number;
  private stopped = false;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private readonly delay: number;

  constructor(private readonly opts: AutosaverOptions) {
    this.delay = opts.delay ?? 1000;
    this.savedVersion = opts.current().version;
  }

  get dirty(): boolean {
    return this.opts.current().version !== this.savedVersion;
  }

  /** A document change happened. */
  changed(): void {
    if (this.stopped) return;
    if (!this.dirty) return;
    this.opts.onStatus("dirty");
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.delay);
  }

  /** The document was replaced by a saved one (load, restore, reload after conflict). */
  reset(): void {
    this.savedVersion = this.opts.current().version;
    this.stopped = false;
    this.opts.onStatus("saved");
  }

  /** Save now if there is anything to save; resolves when saved (or failed). */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.inFlight) {
      await this.inFlight;
      if (this.dirty && !this.stopped) return this.flush();
      return;
    }
    if (this.stopped || !this.dirty) return;
    const { doc, version, revision } = this.opts.current();
    this.opts.onStatus("saving");
    this.inFlight = this.opts
      .save(doc, revision)
      .then((diagram) => {
        this.savedVersion = version;
        this.opts.onSaved(diagram, version);
        this.opts.onStatus(this.dirty ? "dirty" : "saved");
      })
      .catch((err: unknown) => {
        if (err instanceof ApiError && err.status === 409) {
          this.stopped = true;
          this.opts.onStatus("conflict");
          this.opts.onConflict(err.body as Diagram);
        } else {
          const detail = err instanceof ApiError ? err.detail : String(err);
          this.opts.onStatus("error", detail);
          // The server or the network failed: try again; a 400 waits for the next change.
          const transient = !(err instanceof ApiError) || err.status === 0 || err.status >= 500;
          if (transient && !this.stopped) this.retry = setTimeout(() => this.changed(), 5000);
        }
      })
      .finally(() => {
        this.inFlight = null;
      });
    await this.inFlight;
    if (this.dirty && !this.stopped && this.opts.current().version !== version) this.changed();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.retry) clearTimeout(this.retry);
    this.stopped = true;
  }
}
