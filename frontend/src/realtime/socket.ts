/**
 * The diagram's WebSocket (/ws/diagrams/{id}/), when the server has one: render progress and
 * "diagram saved" events. Everything that uses it also works without it (polling).
 *
 * It reconnects for as long as the page is open: after 1 s, 2 s, 4 s ... at most
 * RECONNECT_MAX_MS apart (with jitter, so a restarted server is not hit by every editor at
 * once), and at once when the browser comes back online or the tab is shown again. On every
 * (re)connect the server first sends `{"type": "diagram.state", "revision"}`, the diagram's
 * current revision, so a client that missed events while away resyncs (useDocumentSync).
 */
import type { Render } from "../api/renders";

export type ServerEvent =
  | { type: "render.progress"; render: Render }
  | { type: "diagram.saved"; revision: number }
  | { type: "diagram.state"; revision: number }
  | { type: string; [key: string]: unknown };

type Listener = (event: ServerEvent) => void;

export const RECONNECT_BASE_MS = 1000;
export const RECONNECT_MAX_MS = 30_000;
/** Close codes after which trying again cannot help: not the owner (4403), diagram deleted (4404). */
const FINAL_CODES = new Set([4403, 4404]);

/** The wait before reconnect attempt `attempt` (0-based): exponential, capped, with jitter. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): ReturnType<typeof setTimeout>;
  clearTimeout(t: ReturnType<typeof setTimeout>): void;
}

/** When a socket tries to connect again: after `reconnectDelay` of the next attempt, or at once;
 * one wait at a time. Shared by the diagram socket and the live-editing client. */
export class Retry {
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly timers: Timers,
    private readonly run: () => void,
  ) {}

  /** Whether a try is waiting. */
  get waiting(): boolean {
    return this.timer !== null;
  }

  /** Try again after the next attempt's backoff (nothing new while a wait is set). */
  later(): void {
    if (this.timer) return;
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.run();
    }, reconnectDelay(this.attempt++));
  }

  /** Try again now, instead of any wait. */
  now(): void {
    this.cancel();
    this.run();
  }

  /** The socket opened: the next failure waits the shortest time again. */
  reset(): void {
    this.attempt = 0;
  }

  cancel(): void {
    if (this.timer) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }
}

export interface SocketEnv extends Timers {
  open(url: string): WebSocket;
  url(diagramId: number): string;
}

const browserEnv: SocketEnv = {
  open: (url) => new WebSocket(url),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (t) => clearTimeout(t),
  url: (id) => `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/ws/diagrams/${id}/`,
};

export class DiagramSocket {
  private ws: WebSocket | null = null;
  private listeners = new Set<Listener>();
  private closed = false;
  private readonly retry: Retry;
  private readonly wake = () => this.reconnectNow();

  constructor(
    private readonly diagramId: number,
    private readonly env: SocketEnv = browserEnv,
  ) {
    this.retry = new Retry(env, () => this.connect());
    if (typeof window !== "undefined") {
      window.addEventListener("online", this.wake);
      document.addEventListener("visibilitychange", this.wake);
    }
  }

  connect(): void {
    if (this.closed || this.ws || (this.env === browserEnv && typeof WebSocket === "undefined")) return;
    let ws: WebSocket;
    try {
      ws = this.env.open(this.env.url(this.diagramId));
    } catch {
      this.schedule();
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.retry.reset();
    };
    ws.onmessage = (m) => {
      let event: ServerEvent;
      try {
        event = JSON.parse(String(m.data)) as ServerEvent;
      } catch {
        return; /* not ours */
      }
      for (const l of this.listeners) l(event);
    };
    ws.onclose = (e) => {
      if (this.ws === ws) this.ws = null;
      if (FINAL_CODES.has(e.code)) this.closed = true;
      this.schedule();
    };
  }

  /** Whether a reconnect is waiting (for tests and the status line). */
  get reconnecting(): boolean {
    return this.retry.waiting;
  }

  private schedule(): void {
    if (!this.closed) this.retry.later();
  }

  private reconnectNow(): void {
    if (this.closed || this.ws || (typeof document !== "undefined" && document.visibilityState === "hidden")) return;
    this.retry.now();
  }

  get open(): boolean {
    return this.ws?.readyState === 1; // WebSocket.OPEN
  }

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  close(): void {
    this.closed = true;
    this.retry.cancel();
    if (typeof window !== "undefined") {
      window.removeEventListener("online", this.wake);
      document.removeEventListener("visibilitychange", this.wake);
    }
    this.ws?.close();
  }
}

let current: DiagramSocket | null = null;

export function openDiagramSocket(id: number): DiagramSocket {
  current?.close();
  current = new DiagramSocket(id);
  current.connect();
  return current;
}

export function diagramSocket(): DiagramSocket | null {
  return current;
}
