import { describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { nestedDoc } from "../test/fixtures";
import { CollabClient, MESSAGE_SYNC, awarenessFrame, queryAwarenessFrame, readFrame, syncStep1Frame, updateFrame, type CollabEnv } from "./client";
import { documentToY, roots, yToDocument } from "./ydoc";

/** A WebSocket as far as the client uses it: what it sent, and the server's side of the events. */
class TestSocket {
  readyState = 0;
  binaryType = "blob";
  sent: Uint8Array[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: ArrayBuffer | string }) => void) | null = null;
  onclose: ((e: { code: number }) => void) | null = null;
  send(data: Uint8Array) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
    this.onclose?.({ code: 1000 });
  }
  opened() {
    this.readyState = 1;
    this.onopen?.();
  }
  deliver(frame: Uint8Array) {
    this.onmessage?.({ data: frame.slice().buffer });
  }
  dropped(code: number) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

function env() {
  const sockets: TestSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const e: CollabEnv = {
    open: () => {
      const s = new TestSocket();
      sockets.push(s);
      return s as unknown as WebSocket;
    },
    setTimeout: (fn, ms) => {
      timers.push({ fn, ms });
      return timers.length as unknown as ReturnType<typeof setTimeout>;
    },
    clearTimeout: () => undefined,
  };
  return { e, sockets, timers };
}

/** A replica standing for the server's: answers step 1, applies what the client sends, echoes it. */
function serverAnswers(server: Y.Doc, socket: TestSocket, from: number) {
  for (const frame of socket.sent.slice(from).map(readFrame)) {
    if (frame.kind === "sync_step1") {
      const e = encoding.createEncoder();
      encoding.writeVarUint(e, MESSAGE_SYNC);
      syncProtocol.writeSyncStep2(e, server, frame.stateVector);
      socket.deliver(encoding.toUint8Array(e));
    } else if (frame.kind === "sync_step2" || frame.kind === "update") {
      Y.applyUpdate(server, frame.update);
      socket.deliver(updateFrame(frame.update)); // the echo: stored
    }
  }
}

describe("frames", () => {
  it("encode and decode as y-protocols defines them", () => {
    const doc = documentToY(nestedDoc());
    const step1 = readFrame(syncStep1Frame(doc));
    expect(step1.kind).toBe("sync_step1");
    expect(step1.kind === "sync_step1" && Array.from(step1.stateVector)).toEqual(Array.from(Y.encodeStateVector(doc)));
    const update = Y.encodeStateAsUpdate(doc);
    const frame = updateFrame(update);
    expect(Array.from(frame.slice(0, 2))).toEqual([0, 2]);
    const read = readFrame(frame);
    expect(read.kind === "update" && Array.from(read.update)).toEqual(Array.from(update));
    expect(readFrame(queryAwarenessFrame())).toEqual({ kind: "query_awareness" });
    const awareness = new awarenessProtocol.Awareness(doc);
    awareness.setLocalState({ pointer: { x: 1, y: 2 } });
    const aw = readFrame(awarenessFrame(awareness, [doc.clientID]));
    expect(aw.kind).toBe("awareness");
  });

  it("refuses what is not the protocol", () => {
    expect(() => readFrame(new Uint8Array([7]))).toThrow(/unknown message type 7/);
    expect(() => readFrame(new Uint8Array([0, 9, 0]))).toThrow(/unknown sync message 9/);
  });
});

describe("CollabClient", () => {
  function joined() {
    const server = documentToY(nestedDoc());
    const { e, sockets, timers } = env();
    const client = new CollabClient("ws://test/ws/collab/1/", undefined, e);
    const states: string[] = [];
    client.subscribe((s) => states.push(`${s.status}${s.pending ? "+pending" : ""}`));
    client.connect();
    sockets[0].opened();
    // The server's step 1 on open, then its answer to the client's step 1.
    sockets[0].deliver(syncStep1Frame(server));
    serverAnswers(server, sockets[0], 0);
    return { server, client, sockets, timers, states };
  }

  it("is synced with the server's document after the handshake", () => {
    const { client, server, states } = joined();
    expect(client.state.status).toBe("synced");
    expect(yToDocument(client.doc)).toEqual(yToDocument(server));
    expect(states).toContain("syncing");
  });

  it("has pending edits until the server echoes them", () => {
    const { client, server, sockets } = joined();
    const sentBefore = sockets[0].sent.length;
    roots(client.doc).meta.set("name", "Mine");
    expect(client.state.pending).toBe(true);
    const deletes = sockets[0].sent.length;
    client.doc.transact(() => roots(client.doc).nodes.delete("table")); // a deletion only: no new clock
    expect(client.state.pending).toBe(true);
    serverAnswers(server, sockets[0], sentBefore);
    expect(deletes).toBeGreaterThan(sentBefore);
    expect(client.state.pending).toBe(false);
    expect(yToDocument(server).name).toBe("Mine");
  });

  it("reconnects with backoff and sends what was edited offline", () => {
    const { client, server, sockets, timers } = joined();
    sockets[0].dropped(1006);
    expect(client.state.status).toBe("offline");
    expect(timers).toHaveLength(1);
    expect(timers[0].ms).toBeGreaterThanOrEqual(500);
    roots(client.doc).meta.set("name", "Offline edit");
    expect(sockets[0].sent.map(readFrame).filter((f) => f.kind === "update")).toHaveLength(0);
    timers[0].fn();
    sockets[1].opened();
    sockets[1].deliver(syncStep1Frame(server)); // the server asks what it lacks
    serverAnswers(server, sockets[1], 0);
    expect(client.state).toMatchObject({ status: "synced", pending: false });
    expect(yToDocument(server).name).toBe("Offline edit");
  });

  it("rejoins at once when asked, and resyncs", () => {
    const { client, server, sockets } = joined();
    roots(server).meta.set("name", "Saved elsewhere"); // a change this client never heard of
    client.reconnect();
    expect(sockets).toHaveLength(2);
    sockets[1].opened();
    serverAnswers(server, sockets[1], 0);
    expect(yToDocument(client.doc).name).toBe("Saved elsewhere");
  });

  it.each([4000, 1013, 1006, 1011])("retries after close code %i", (code) => {
    const { client, sockets, timers } = joined();
    sockets[0].dropped(code);
    expect(client.state.status).toBe("offline");
    expect(timers).toHaveLength(1);
  });

  it.each([
    [4401, "logged_out"],
    [4403, "forbidden"],
    [4404, "gone"],
    [4410, "gone"],
    [4413, "too_large"],
  ])("stops after close code %i", (code, reason) => {
    const { client, sockets, timers } = joined();
    sockets[0].dropped(code);
    expect(client.state).toMatchObject({ status: "stopped", stopped: reason });
    expect(timers).toHaveLength(0);
  });

  it("shows others' presence while connected and forgets it when the socket drops", () => {
    const { client, sockets } = joined();
    const other = new Y.Doc();
    const theirs = new awarenessProtocol.Awareness(other);
    theirs.setLocalState({ user: { name: "Kim", initials: "K", colour: "#123456", role: "editor" }, pointer: { x: 3, y: 4 } });
    sockets[0].deliver(awarenessFrame(theirs, [other.clientID]));
    expect(client.awareness.getStates().get(other.clientID)).toMatchObject({ pointer: { x: 3, y: 4 } });
    sockets[0].dropped(1006);
    expect(client.awareness.getStates().has(other.clientID)).toBe(false);
  });

  it("sends its own presence, and remote edits do not go back up", () => {
    const { client, server, sockets } = joined();
    const before = sockets[0].sent.length;
    client.awareness.setLocalStateField("pointer", { x: 9, y: 9 });
    const frames = sockets[0].sent.slice(before).map(readFrame);
    expect(frames.map((f) => f.kind)).toEqual(["awareness"]);
    // Someone else's edit, relayed by the server: applied, not sent back.
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(server));
    let update: Uint8Array | null = null;
    other.on("update", (u: Uint8Array) => (update = u));
    roots(other).meta.set("region", "eu-west-1");
    sockets[0].deliver(updateFrame(update!));
    expect(yToDocument(client.doc).region).toBe("eu-west-1");
    expect(sockets[0].sent.slice(before).map(readFrame).filter((f) => f.kind === "update")).toHaveLength(0);
  });
});
