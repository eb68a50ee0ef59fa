import { useEffect } from "react";
import { listComments, type Comment } from "../api/sharing";
import { diagramSocket } from "../realtime/socket";
import { useUi } from "../store/uiStore";
import { useComments } from "./commentStore";

/** Poll this often when the socket is down or absent, and this often as a safety net when it is up. */
const POLL_MS = 5_000;
const POLL_WITH_SOCKET_MS = 30_000;

/**
 * The owner's comments in the editor: loaded once, kept live by the diagram's socket
 * (comment.added / comment.updated) and by polling, so it works without sockets too.
 * A comment badge click opens the Comments tab.
 */
export function useOwnerComments(diagramId: number | null, ready: boolean): void {
  useEffect(() => {
    if (!ready || diagramId === null) return;
    const store = useComments.getState();
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last = 0;
    const load = () => {
      last = Date.now();
      listComments(diagramId)
        .then((list) => !stopped && store.setAll(list))
        .catch(() => {
          /* offline for a moment: the next poll tries again */
        });
    };
    const tick = () => {
      const socket = diagramSocket();
      if (Date.now() - last >= (socket?.open ? POLL_WITH_SOCKET_MS : POLL_MS) - 50 && document.visibilityState !== "hidden") load();
      timer = setTimeout(tick, POLL_MS);
    };
    load();
    timer = setTimeout(tick, POLL_MS);
    const unsubscribe = diagramSocket()?.subscribe((e) => {
      if ((e.type === "comment.added" || e.type === "comment.updated") && e.comment) useComments.getState().upsert(e.comment as Comment);
    });
    const unfocus = useComments.subscribe((s, prev) => {
      if (s.focus && s.focus !== prev.focus) useUi.getState().set({ tab: "comments" });
    });
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      unsubscribe?.();
      unfocus();
    };
  }, [diagramId, ready]);
}
