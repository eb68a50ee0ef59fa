/**
 * The review page's WebSocket (/ws/review/{token}/): new and updated comments, saves of the
 * diagram, and "this link was revoked" (also a close with 4404/4410). Optional: the page
 * polls as well, so it works where there is no socket.
 */
export type ReviewEvent =
  | { type: "comment.added" | "comment.updated"; comment: unknown }
  | { type: "diagram.saved"; revision?: number }
  | { type: "link.revoked" }
  | { type: string; [key: string]: unknown };

export class ReviewSocket {
  private ws: WebSocket | null = null;
  private retries = 0;
  private closed = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly token: string,
    private readonly onEvent: (e: ReviewEvent) => void,
  ) {}

  connect(): void {
    if (this.closed || typeof WebSocket === "undefined") return;
    const proto = location.protocol === "https:" ? "wss:" : "ws:";
    let ws: WebSocket;
    try {
      ws = new WebSocket(`${proto}//${location.host}/ws/review/${encodeURIComponent(this.token)}/`);
    } catch {
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      this.retries = 0;
    };
    ws.onmessage = (m) => {
      try {
        this.onEvent(JSON.parse(String(m.data)) as ReviewEvent);
      } catch {
        /* not ours */
      }
    };
    ws.onclose = (e) => {
      this.ws = null;
      if (this.closed) return;
      // 4404: the link does not work (any more); 4410: it was revoked while we listened.
      if (e.code === 4404 || e.code === 4410) {
        this.onEvent({ type: "link.revoked" });
        return;
      }
      if (this.retries < 5) this.timer = setTimeout(() => this.connect(), 1000 * 2 ** this.retries++);
    };
  }

  get open(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.ws?.close();
  }
}
