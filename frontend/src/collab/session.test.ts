import { describe, expect, it } from "vitest";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { catalog, nestedDoc } from "../test/fixtures";
import { createEditorStore } from "../store/editorStore";
import { MESSAGE_SYNC, REMOTE, updateFrame } from "./client";
import { LiveSession, sharing } from "./session";
import { documentToY } from "./ydoc";

const tick = () => new Promise((r) => setTimeout(r, 5));

/** A session whose "server" is `server` (frames handed over directly: no socket). */
function joined(server: Y.Doc) {
  const store = createEditorStore();
  store.getState().setCatalog(catalog);
  store.getState().load(nestedDoc(), 1, 1);
  const session = new LiveSession(store, { url: "ws://test/ws/collab/1/", diagramId: 1, readOnly: false, catalog: () => catalog });
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(e, server);
  session.client.receive(encoding.toUint8Array(e));
  return { store, session };
}

/** Every local update of one replica reaches the others (as the server relays it). */
function relay(...sessions: LiveSession[]) {
  for (const s of sessions) {
    s.client.doc.on("update", (u: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      for (const other of sessions) if (other !== s) other.client.receive(updateFrame(u));
    });
  }
}

describe("LiveSession", () => {
  it("takes the shared document at the first sync", () => {
    const server = documentToY({ ...nestedDoc(), name: "From the server" });
    const { store } = joined(server);
    expect(store.getState().doc.name).toBe("From the server");
  });

  it("sends the store's edits, shows the others', and undoes only its own", async () => {
    const server = documentToY(nestedDoc());
    const a = joined(server);
    const b = joined(server);
    relay(a.session, b.session);

    a.store.getState().dispatch([{ op: "move", id: "table", position: { x: 1200, y: 300 } }]);
    await tick();
    b.store.getState().dispatch([{ op: "update_node", id: "fn", set: { label: "Renamed by B" } }]);
    await tick();
    const nodeOf = (s: typeof a, id: string) => s.store.getState().doc.nodes.find((n) => n.id === id)!;
    expect(nodeOf(b, "table").position).toEqual({ x: 1200, y: 300 });
    expect(nodeOf(a, "fn").label).toBe("Renamed by B");

    a.store.getState().undo();
    await tick();
    for (const s of [a, b]) {
      expect(nodeOf(s, "table").position).toEqual({ x: 1000, y: 100 });
      expect(nodeOf(s, "fn").label).toBe("Renamed by B");
    }
    expect(a.store.getState().history.redo).toHaveLength(1);
    a.store.getState().redo();
    await tick();
    expect(nodeOf(b, "table").position).toEqual({ x: 1200, y: 300 });
    expect(a.store.getState().doc).toEqual(b.store.getState().doc);
  });

  it("keeps the objects of nodes that did not change", () => {
    const prev = nestedDoc();
    const next = { ...nestedDoc(), nodes: nestedDoc().nodes.map((n) => (n.id === "fn" ? { ...n, label: "x" } : n)) };
    const shared = sharing(prev, next);
    expect(shared.nodes.find((n) => n.id === "table")).toBe(prev.nodes.find((n) => n.id === "table"));
    expect(shared.nodes.find((n) => n.id === "fn")).not.toBe(prev.nodes.find((n) => n.id === "fn"));
  });
});
