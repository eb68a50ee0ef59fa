/**
 * The editor in a live session: binds the editor store to the shared Y document of the
 * diagram (docs/collab.md, "The editor side").
 *
 * - Until the session first syncs, the editor works as without it (its document from the API,
 *   autosave by PUT): so a server without sockets still has a working editor. Once synced, the
 *   store holds the Y document's content (`yToDocument`); edits made before that are written to
 *   the Y document as a diff first (as the server merges a PUT), and autosave stops: the server
 *   writes revisions once edits settle.
 * - The store's changes go to the Y document with `writeChanges` (origin LOCAL); every other
 *   transaction (others' edits relayed by the server, undo) updates the store, after a drag ends.
 * - Undo and redo are a Y.UndoManager's that tracks LOCAL only: undoing my move leaves your
 *   rename alone.
 * - Presence: the awareness state holds `pointer`, `selection`, `editing`; `useLive` has the
 *   others' (with the name, initials and colour the server put in `user`).
 */
import * as Y from "yjs";
import { create } from "zustand";
import type { Catalog } from "../document/catalog";
import { normalizeDocument, type DocEdge, type DocNode, type Document, type XY } from "../document/types";
import type { EditorStore } from "../store/editorStore";
import { CollabClient, REMOTE, type CollabStatus, type StopReason } from "./client";
import { roots, writeChanges, yToDocument } from "./ydoc";

/** The origin of this editor's own changes (the undo manager tracks only these). */
export const LOCAL = "local-edit";
/** Changes within this time of each other are one undo step (a drag's move and its reroute). */
export const UNDO_CAPTURE_MS = 300;
/**
 * Stored changes wait this long for the revision the server writes once edits settle
 * (`COLLAB_SETTLE_S`, 1.5 s) before "saved" is shown anyway: an edit that changed nothing in
 * the document (moved and moved back) writes no revision, hence no `diagram.saved`.
 */
export const REVISION_WAIT_MS = 5000;
/** At most this often the pointer goes to the others. */
export const POINTER_INTERVAL_MS = 50;

export interface Identity {
  name: string;
  initials: string;
  colour: string;
  role: string;
}

export interface Peer {
  clientId: number;
  user: Identity;
  pointer: XY | null;
  selection: string[];
  editing: string | null;
}

export interface LiveState {
  /** Synced at least once: the store is the shared document, autosave is off. */
  on: boolean;
  status: CollabStatus;
  pending: boolean;
  /** Stored, but the revision that holds it is not written yet (the owner hears `diagram.saved`). */
  unwritten: boolean;
  stopped: StopReason | null;
  peers: Peer[];
  set(patch: Partial<LiveState>): void;
}

export const useLive = create<LiveState>()((set) => ({
  on: false,
  status: "connecting",
  pending: false,
  unwritten: false,
  stopped: null,
  peers: [],
  set: (patch) => set(patch),
}));

/** `next` with the very node and edge objects of `prev` where they are equal (React Flow re-renders only what changed). */
export function sharing(prev: Document, next: Document): Document {
  const eq = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const nodes = new Map(prev.nodes.map((n) => [n.id, n]));
  const edges = new Map(prev.edges.map((e) => [e.id, e]));
  const keepNode = (n: DocNode) => {
    const old = nodes.get(n.id);
    return old && eq(old, n) ? old : n;
  };
  const keepEdge = (e: DocEdge) => {
    const old = edges.get(e.id);
    return old && eq(old, e) ? old : e;
  };
  return { ...next, nodes: next.nodes.map(keepNode), edges: next.edges.map(keepEdge) };
}

function peersOf(client: CollabClient): Peer[] {
  const out: Peer[] = [];
  client.awareness.getStates().forEach((state, clientId) => {
    if (clientId === client.doc.clientID || !state || typeof state !== "object") return;
    const user = (state as { user?: Identity }).user;
    if (!user || typeof user.name !== "string") return;
    const s = state as { pointer?: XY | null; selection?: unknown; editing?: unknown };
    out.push({
      clientId,
      user,
      pointer: s.pointer && typeof s.pointer.x === "number" ? s.pointer : null,
      selection: Array.isArray(s.selection) ? s.selection.filter((x): x is string => typeof x === "string") : [],
      editing: typeof s.editing === "string" ? s.editing : null,
    });
  });
  return out.sort((a, b) => a.clientId - b.clientId);
}

export interface LiveOptions {
  url: string;
  diagramId: number | null;
  /** A viewer, a reviewer: never writes (the server ignores it anyway). */
  readOnly: boolean;
  catalog: () => Catalog | null;
  /** Remote changes wait while this is true (a drag in progress). */
  busy?: () => boolean;
  /** The session synced for the first time (the store now holds the shared document). */
  onLive?: () => void;
  /** What the store shows of the shared document (the review page leaves out the owner's viewport). */
  view?: (doc: Document) => Document;
}

export class LiveSession {
  readonly client: CollabClient;
  private undoManager: Y.UndoManager | null = null;
  private live = false;
  private applying = false;
  private last: Document;
  /** The document the store had from the API before the session synced (edits since go up as a diff). */
  private baseline: Document;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;
  private pointerTimer: ReturnType<typeof setTimeout> | null = null;
  private nextPointer: XY | null = null;
  private readonly unsubscribes: (() => void)[] = [];
  private revisionTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly store: EditorStore,
    private readonly opts: LiveOptions,
  ) {
    this.client = new CollabClient(opts.url);
    this.last = this.baseline = store.getState().doc;
    this.client.awareness.setLocalState({ pointer: null, selection: [], editing: null });
    this.unsubscribes.push(
      this.client.subscribe((s) => {
        useLive.getState().set({ status: s.status, pending: s.pending, stopped: s.stopped });
        if (!s.pending && useLive.getState().unwritten) this.waitForRevision();
        if (s.status === "synced" && !this.live) this.goLive();
      }),
    );
    const onChange = () => useLive.getState().set({ peers: peersOf(this.client) });
    this.client.awareness.on("change", onChange);
    this.unsubscribes.push(() => this.client.awareness.off("change", onChange));
    this.unsubscribes.push(store.subscribe((s, prev) => this.storeChanged(s.doc, s.selectedNodes, s.selectedEdges, prev)));
    const onTransaction = (tr: Y.Transaction) => {
      const changed = tr.changed.size > 0 || tr.deleteSet.clients.size > 0;
      if (changed && tr.origin !== REMOTE && this.live && !this.opts.readOnly && this.opts.diagramId !== null) {
        useLive.getState().set({ unwritten: true });
        // Restarted by every change; the acknowledgement (pending -> false) restarts it too.
        this.waitForRevision();
      }
      if (tr.origin !== LOCAL && this.live) this.queueRefresh();
    };
    this.client.doc.on("afterTransaction", onTransaction);
    this.unsubscribes.push(() => this.client.doc.off("afterTransaction", onTransaction));
  }

  start(): this {
    this.client.connect();
    return this;
  }

  /** The store's document when this session started (from the API) was replaced by a new load. */
  rebase(doc: Document): void {
    if (!this.live) this.last = this.baseline = doc;
  }

  private goLive(): void {
    const s = this.store.getState();
    if (!this.opts.readOnly && this.opts.diagramId !== null && s.doc !== this.baseline && s.diagramId === this.opts.diagramId) {
      writeChanges(this.client.doc, this.baseline, s.doc, LOCAL);
    }
    this.live = true;
    if (!this.opts.readOnly) {
      const r = roots(this.client.doc);
      const um = new Y.UndoManager([r.meta, r.nodes, r.edges, r.nodeOrder, r.edgeOrder], {
        trackedOrigins: new Set([LOCAL]),
        captureTimeout: UNDO_CAPTURE_MS,
      });
      const depth = () => this.store.getState().setHistoryDepth(um.undoStack.length, um.redoStack.length);
      um.on("stack-item-added", depth);
      um.on("stack-item-popped", depth);
      um.on("stack-cleared", depth);
      this.undoManager = um;
      this.store.getState().setLiveUndo({ undo: () => um.undo(), redo: () => um.redo() });
    }
    const doc = this.shared();
    useLive.getState().set({ on: true });
    this.applying = true;
    try {
      this.store.getState().load(doc, this.opts.diagramId ?? s.diagramId, s.revision, { readOnly: this.opts.readOnly });
    } finally {
      this.applying = false;
    }
    this.last = this.store.getState().doc;
    this.opts.onLive?.();
  }

  private shared(): Document {
    const doc = normalizeDocument(yToDocument(this.client.doc, this.opts.catalog()));
    return this.opts.view ? this.opts.view(doc) : doc;
  }

  private queueRefresh(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      if (this.opts.busy?.()) return this.queueRefresh();
      this.refresh();
    }, 0);
  }

  /** The store takes what the Y document holds now (others' edits, an undo). */
  refresh(): void {
    const current = this.store.getState().doc;
    const doc = sharing(current, this.shared());
    this.applying = true;
    try {
      this.store.getState().dispatch([{ op: "replace", doc }], { remote: true });
    } finally {
      this.applying = false;
    }
    this.last = this.store.getState().doc;
  }

  private storeChanged(doc: Document, nodes: ReadonlySet<string>, edges: ReadonlySet<string>, prev: { selectedNodes: ReadonlySet<string>; selectedEdges: ReadonlySet<string> }): void {
    if (nodes !== prev.selectedNodes || edges !== prev.selectedEdges) {
      this.client.awareness.setLocalStateField("selection", [...nodes, ...edges].slice(0, 500));
    }
    if (doc === this.last) return;
    if (!this.live || this.applying || this.opts.readOnly) {
      this.last = doc;
      return;
    }
    const before = this.last;
    this.last = doc;
    writeChanges(this.client.doc, before, doc, LOCAL);
  }

  /** The server wrote a revision (`diagram.saved`): what it had stored by then is in it. */
  revisionWritten(): void {
    if (!this.client.state.pending) this.settle();
  }

  private waitForRevision(): void {
    if (this.revisionTimer) clearTimeout(this.revisionTimer);
    this.revisionTimer = setTimeout(() => this.settle(), REVISION_WAIT_MS);
  }

  private settle(): void {
    if (this.revisionTimer) clearTimeout(this.revisionTimer);
    this.revisionTimer = null;
    useLive.getState().set({ unwritten: false });
  }

  /** Where this person's pointer is on the canvas (flow coordinates), or null when it left. */
  setPointer(at: XY | null): void {
    this.nextPointer = at ? { x: Math.round(at.x), y: Math.round(at.y) } : null;
    if (this.pointerTimer) return;
    this.client.awareness.setLocalStateField("pointer", this.nextPointer);
    this.pointerTimer = setTimeout(() => {
      this.pointerTimer = null;
      const state = this.client.awareness.getLocalState() as { pointer?: XY | null } | null;
      if (JSON.stringify(state?.pointer ?? null) !== JSON.stringify(this.nextPointer)) this.setPointer(this.nextPointer);
    }, POINTER_INTERVAL_MS);
  }

  setEditing(id: string | null): void {
    const state = this.client.awareness.getLocalState() as { editing?: string | null } | null;
    if ((state?.editing ?? null) !== id) this.client.awareness.setLocalStateField("editing", id);
  }

  /** Resolves once everything edited here is stored by the server and in a revision (or after `timeoutMs`). */
  flushed(timeoutMs = 8000): Promise<boolean> {
    return new Promise((resolve) => {
      const idle = (l: LiveState) => !l.pending && !l.unwritten;
      if (idle(useLive.getState())) return resolve(true);
      const stop = useLive.subscribe((l) => {
        if (idle(l)) done(true);
      });
      const timer = setTimeout(() => done(false), timeoutMs);
      const done = (ok: boolean) => {
        clearTimeout(timer);
        stop();
        resolve(ok);
      };
    });
  }

  close(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    if (this.pointerTimer) clearTimeout(this.pointerTimer);
    if (this.revisionTimer) clearTimeout(this.revisionTimer);
    for (const u of this.unsubscribes) u();
    this.undoManager?.destroy();
    if (this.live && !this.opts.readOnly) this.store.getState().setLiveUndo(null);
    this.client.close();
    useLive.getState().set({ on: false, peers: [], status: "connecting", pending: false, unwritten: false, stopped: null });
  }
}

let current: LiveSession | null = null;

/** Join the live session of a diagram (editor) or a review link (read-only); one per page. */
export function openLiveSession(store: EditorStore, opts: LiveOptions): LiveSession {
  current?.close();
  current = new LiveSession(store, opts).start();
  return current;
}

export function liveSession(): LiveSession | null {
  return current;
}
