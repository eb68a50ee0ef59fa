/**
 * The diagram's WebSocket (/ws/diagrams/{id}/), when the server has one: render progress and
 * "diagram saved" events. Everything that uses it also works without it (polling).
 */
import type { Render } from "../api/renders";

export type ServerEvent =
  | { type: "render.progress"; render: Render }
  | { type: "diagram.saved"; revision: number }
  | { type: string; [key: string]: unknown };

type Listener = (event: ServerEvent) => void;

export class DiagramSocket {
  private ws: WebSocket | null = null;
  private listeners = new Set<Listener>();
  private retries = 0;
  private closed = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly diagramId: number) {}

  connect(): void {
    if (this.closed || typeof WebSocket === "undefined") return;
    const proto = location.protocol === "https:" ? "wss:" : "ws:";
    let ws: WebSocket;
    try {
      ws = new WebSocket(`${proto}//${location.host}/ws/diagrams/${this.diagramId}/`);
    } catch {
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.retries = 0;
    };
    ws.onmessage = (m) => {
      try {
        const event = JSON.parse(String(m.data)) as ServerEvent;
        for (const l of this.listeners) l(event);
      } catch {
        /* not ours */
      }
    };
    ws.onclose = () => {
      this.ws = null;
      // Back off; give up after a few tries (the server may have no WebSocket at all).
      if (!this.closed && this.retries < 5) {
        this.timer = setTimeout(() => this.connect(), 1000 * 2 ** this.retries++);
      }
    };
  }

  get open(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
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
