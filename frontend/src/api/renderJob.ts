/** Run a render to completion: start it, then follow it by WebSocket push or by polling every 500 ms. */
import { diagramSocket } from "../realtime/socket";
import { getRender, startRender, type Render, type RenderOptions } from "./renders";

export async function runRender(
  diagramId: number,
  options: RenderOptions,
  onProgress: (r: Render) => void,
  signal: AbortSignal,
  interval = 500,
): Promise<Render> {
  let render = await startRender(diagramId, options);
  onProgress(render);
  const socket = diagramSocket();
  let pushed: Render | null = null;
  const unsubscribe = socket?.subscribe((e) => {
    if (e.type === "render.progress") {
      const r = (e as { render: Render }).render;
      if (String(r.id) === String(render.id)) pushed = r;
    }
  });
  try {
    while (render.status === "pending" || render.status === "running") {
      if (signal.aborted) throw new DOMException("cancelled", "AbortError");
      await new Promise((r) => setTimeout(r, interval));
      const next: Render = pushed ?? (await getRender(render.id));
      pushed = null;
      render = next;
      onProgress(render);
    }
    return render;
  } finally {
    unsubscribe?.();
  }
}
