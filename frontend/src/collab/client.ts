/**
 * The live session's socket: y-protocols sync and awareness frames over `/ws/collab/{id}/`
 * (or `/ws/review/{token}/collab/` read-only), as docs/collab.md specifies.
 *
 * - On open it sends sync step 1 ("what do I lack?"); the server's step 2 makes it `synced`.
 *   An editor's socket also gets the server's step 1 and answers with step 2: whatever was
 *   edited while offline goes up then, so a reconnect loses nothing.
 * - Local Y updates go up as `[0, 2, update]`; the server stores each one and echoes it to
 *   everyone, the sender included. Every update that comes from the server is also applied to
 *   `acked`, a replica of what the server has stored: `pending` (edits not yet durable) is
 *   whether the local state holds anything `acked` lacks. "Saved" is never a guess.
 * - Presence (y-protocols Awareness) goes up on every local change; others' states come down.
 * - Close codes: 4401/4403/4404/4409/4410 and a refused message (4400/4413) stop for good and
 *   the editor says why; anything else (4000 role changed, 1013 try again, 1006 network) is
 *   retried with the diagram socket's backoff (`reconnectDelay`), at once when the browser is
 *   back online; when the browser goes offline the socket is closed at once (not left to time out).
 */
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { Retry, type Timers } from "../realtime/socket";

export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

/** Codes after which reconnecting cannot help (docs/collab.md, "The socket"). */
export const FINAL_CLOSE_CODES: Record<number, StopReason> = {
  4400: "refused",
  4401: "logged_out",
  4403: "forbidden",
  4404: "gone",
  4409: "frozen",
  4410: "gone",
  4413: "too_large",
};

export type StopReason = "refused" | "logged_out" | "forbidden" | "gone" | "frozen" | "too_large";

export type CollabStatus = "connecting" | "syncing" | "synced" | "offline" | "stopped";

export interface CollabState {
  status: CollabStatus;
  /** Local edits the server has not yet acknowledged (stored). */
  pending: boolean;
  stopped: StopReason | null;
}

// -- frames ---------------------------------------------------------------------------------

export function syncStep1Frame(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(e, doc);
  return encoding.toUint8Array(e);
}

export function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeUpdate(e, update);
  return encoding.toUint8Array(e);
}

export function awarenessFrame(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(e);
}

export function queryAwarenessFrame(): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_QUERY_AWARENESS);
  return encoding.toUint8Array(e);
}

export type Frame =
  | { kind: "sync_step1"; stateVector: Uint8Array }
  | { kind: "sync_step2" | "update"; update: Uint8Array }
  | { kind: "awareness"; update: Uint8Array }
  | { kind: "query_awareness" };

/** One binary frame, decoded; an error for anything that is not the protocol. */
export function readFrame(data: Uint8Array): Frame {
  const d = decoding.createDecoder(data);
  const type = decoding.readVarUint(d);
  if (type === MESSAGE_SYNC) {
    const sub = decoding.readVarUint(d);
    const payload = decoding.readVarUint8Array(d);
    if (sub === syncProtocol.messageYjsSyncStep1) return { kind: "sync_step1", stateVector: payload };
    if (sub === syncProtocol.messageYjsSyncStep2) return { kind: "sync_step2", update: payload };
    if (sub === syncProtocol.messageYjsUpdate) return { kind: "update", update: payload };
    throw new Error(`unknown sync message ${sub}`);
  }
  if (type === MESSAGE_AWARENESS) return { kind: "awareness", update: decoding.readVarUint8Array(d) };
  if (type === MESSAGE_QUERY_AWARENESS) return { kind: "query_awareness" };
  throw new Error(`unknown message type ${type}`);
}

/** Does `doc` hold anything (an insertion or a deletion) that `acked` lacks? */
export function hasUnacknowledged(doc: Y.Doc, acked: Y.Doc): boolean {
  return !Y.equalSnapshots(Y.snapshot(doc), Y.snapshot(acked));
}

// -- the session ----------------------------------------------------------------------------

export interface CollabEnv extends Timers {
  open(url: string): WebSocket;
}

const browserEnv: CollabEnv = {
  open: (url) => new WebSocket(url),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (t) => clearTimeout(t),
};

/** The socket URL of a diagram's session (editors) or a review link's (read-only). */
export function collabUrl(target: { diagramId: number } | { token: string }): string {
  const base = `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}`;
  return "token" in target ? `${base}/ws/review/${encodeURIComponent(target.token)}/collab/` : `${base}/ws/collab/${target.diagramId}/`;
}

/** The origin of updates that came from the server (not recorded by the undo manager, not sent back). */
export const REMOTE = Symbol("remote");

export class CollabClient {
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  /** What the server has stored, as far as this client knows. */
  private readonly acked = new Y.Doc();
  private ws: WebSocket | null = null;
  private readonly retry: Retry;
  private closed = false;
  private listeners = new Set<(s: CollabState) => void>();
  state: CollabState = { status: "connecting", pending: false, stopped: null };
  private readonly wake = () => this.reconnectNow();
  /** The browser says the network is gone: do not wait for a dead socket to time out. */
  private readonly lost = () => this.ws?.close(4999, "offline");

  constructor(
    private readonly url: string,
    doc?: Y.Doc,
    private readonly env: CollabEnv = browserEnv,
  ) {
    this.retry = new Retry(env, () => this.connect());
    this.doc = doc ?? new Y.Doc();
    this.awareness = new awarenessProtocol.Awareness(this.doc);
    this.doc.on("update", this.onDocUpdate);
    this.awareness.on("update", this.onAwarenessUpdate);
    if (typeof window !== "undefined") {
      window.addEventListener("online", this.wake);
      window.addEventListener("offline", this.lost);
    }
  }

  subscribe(l: (s: CollabState) => void): () => void {
    this.listeners.add(l);
    l(this.state);
    return () => this.listeners.delete(l);
  }

  private setState(patch: Partial<CollabState>): void {
    const next = { ...this.state, ...patch };
    if (next.status === this.state.status && next.pending === this.state.pending && next.stopped === this.state.stopped) return;
    this.state = next;
    for (const l of this.listeners) l(next);
  }

  private refreshPending(): void {
    this.setState({ pending: hasUnacknowledged(this.doc, this.acked) });
  }

  connect(): void {
    if (this.closed || this.ws) return;
    if (this.env === browserEnv && typeof WebSocket === "undefined") return;
    let ws: WebSocket;
    try {
      ws = this.env.open(this.url);
    } catch {
      this.schedule();
      return;
    }
    ws.binaryType = "arraybuffer";
    this.ws = ws;
    if (this.state.status !== "offline") this.setState({ status: "connecting" });
    ws.onopen = () => {
      this.retry.reset();
      this.setState({ status: "syncing" });
      this.send(syncStep1Frame(this.doc));
      if (this.awareness.getLocalState() !== null) this.send(awarenessFrame(this.awareness, [this.doc.clientID]));
    };
    ws.onmessage = (m: MessageEvent) => {
      if (typeof m.data === "string") return; // text frames are not the protocol
      this.receive(new Uint8Array(m.data as ArrayBuffer));
    };
    ws.onclose = (e: CloseEvent) => {
      if (this.ws !== ws) return;
      this.ws = null;
      // Others' presence is unknown while away: drop it (the server sends it again on open).
      const others = [...this.awareness.getStates().keys()].filter((id) => id !== this.doc.clientID);
      awarenessProtocol.removeAwarenessStates(this.awareness, others, REMOTE);
      const reason = FINAL_CLOSE_CODES[e.code];
      if (reason) {
        this.closed = true;
        this.setState({ status: "stopped", stopped: reason });
        return;
      }
      this.setState({ status: "offline" });
      this.schedule();
    };
  }

  /** Handle one frame from the server. */
  receive(data: Uint8Array): void {
    const frame = readFrame(data);
    switch (frame.kind) {
      case "sync_step1": {
        const e = encoding.createEncoder();
        encoding.writeVarUint(e, MESSAGE_SYNC);
        syncProtocol.writeSyncStep2(e, this.doc, frame.stateVector);
        this.send(encoding.toUint8Array(e));
        break;
      }
      case "sync_step2":
      case "update":
        Y.applyUpdate(this.acked, frame.update);
        Y.applyUpdate(this.doc, frame.update, REMOTE);
        if (frame.kind === "sync_step2") this.setState({ status: "synced" });
        this.refreshPending();
        break;
      case "awareness":
        awarenessProtocol.applyAwarenessUpdate(this.awareness, frame.update, REMOTE);
        break;
      case "query_awareness":
        this.send(awarenessFrame(this.awareness, [...this.awareness.getStates().keys()]));
        break;
    }
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === REMOTE) return;
    this.send(updateFrame(update));
    this.refreshPending();
  };

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    if (origin === REMOTE) return;
    const changed = [...added, ...updated, ...removed].filter((id) => id === this.doc.clientID);
    if (changed.length) this.send(awarenessFrame(this.awareness, changed));
  };

  private send(frame: Uint8Array): void {
    if (this.ws?.readyState === 1) this.ws.send(frame);
  }

  private schedule(): void {
    if (!this.closed) this.retry.later();
  }

  private reconnectNow(): void {
    if (!this.closed && !this.ws) this.retry.now();
  }

  /** Drop the socket and join again now: the handshake resyncs both ways, and the server merges saves it missed. */
  reconnect(): void {
    if (this.closed) return;
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onclose = null;
      ws.close(4999, "rejoin");
    }
    this.reconnectNow();
  }

  /** The open socket, null while offline. */
  get socket(): WebSocket | null {
    return this.ws;
  }

  close(): void {
    this.closed = true;
    this.retry.cancel();
    if (typeof window !== "undefined") {
      window.removeEventListener("online", this.wake);
      window.removeEventListener("offline", this.lost);
    }
    awarenessProtocol.removeAwarenessStates(this.awareness, [this.doc.clientID], "close");
    this.doc.off("update", this.onDocUpdate);
    this.awareness.destroy();
    const ws = this.ws;
    this.ws = null;
    ws?.close();
    this.acked.destroy();
  }
}
