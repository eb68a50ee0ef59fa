import { describe, expect, it } from "vitest";
import { DiagramSocket, RECONNECT_MAX_MS, reconnectDelay, type ServerEvent, type SocketEnv } from "./socket";

class FakeSocket {
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: string }) => void) | null = null;
  onclose: ((e: { code: number }) => void) | null = null;
  close() {
    this.readyState = 3;
    this.onclose?.({ code: 1000 });
  }
  opened() {
    this.readyState = 1;
    this.onopen?.();
  }
  dropped(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

function fakeEnv() {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const env: SocketEnv = {
    open: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s as unknown as WebSocket;
    },
    setTimeout: (fn, ms) => {
      timers.push({ fn, ms });
      return timers.length as unknown as ReturnType<typeof setTimeout>;
    },
    clearTimeout: () => undefined,
    url: (id) => `ws://test/ws/diagrams/${id}/`,
  };
  const fire = () => {
    const t = timers.shift();
    if (!t) throw new Error("no reconnect scheduled");
    t.fn();
    return t.ms;
  };
  return { env, sockets, timers, fire };
}

describe("reconnectDelay", () => {
  it("grows exponentially with jitter and is capped", () => {
    expect(reconnectDelay(0, () => 0)).toBe(500);
    expect(reconnectDelay(0, () => 1)).toBe(1000);
    expect(reconnectDelay(3, () => 1)).toBe(8000);
    expect(reconnectDelay(50, () => 1)).toBe(RECONNECT_MAX_MS);
    expect(reconnectDelay(50, () => 0)).toBe(RECONNECT_MAX_MS / 2);
  });
});

describe("DiagramSocket", () => {
  it("reconnects for as long as the page is open, backing off, and resets after a success", () => {
    const { env, sockets, fire } = fakeEnv();
    const socket = new DiagramSocket(7, env);
    socket.connect();
    const waits: number[] = [];
    for (let i = 0; i < 20; i++) {
      sockets[sockets.length - 1].dropped(1013); // "try again later" during an outage
      waits.push(fire());
    }
    expect(sockets).toHaveLength(21); // never gave up
    expect(Math.max(...waits)).toBeLessThanOrEqual(RECONNECT_MAX_MS);
    expect(waits[19]).toBeGreaterThanOrEqual(RECONNECT_MAX_MS / 2);
    sockets[20].opened();
    expect(socket.open).toBe(true);
    sockets[20].dropped();
    expect(fire()).toBeLessThanOrEqual(1000); // back to the first step
    socket.close();
  });

  it("hands every event to listeners, the state sent on connect first", () => {
    const { env, sockets } = fakeEnv();
    const socket = new DiagramSocket(7, env);
    const heard: ServerEvent[] = [];
    socket.subscribe((e) => heard.push(e));
    socket.connect();
    sockets[0].opened();
    sockets[0].onmessage?.({ data: JSON.stringify({ type: "diagram.state", revision: 9 }) });
    sockets[0].onmessage?.({ data: "not json" });
    sockets[0].onmessage?.({ data: JSON.stringify({ type: "diagram.saved", revision: 10 }) });
    expect(heard.map((e) => e.type)).toEqual(["diagram.state", "diagram.saved"]);
    socket.close();
  });

  it("stops when the server says trying again cannot help, and after close()", () => {
    const { env, sockets, timers } = fakeEnv();
    const refused = new DiagramSocket(7, env);
    refused.connect();
    sockets[0].dropped(4403);
    expect(timers).toHaveLength(0);

    const closed = new DiagramSocket(8, env);
    closed.connect();
    closed.close();
    expect(timers).toHaveLength(0);
    expect(closed.reconnecting).toBe(false);
  });
});
