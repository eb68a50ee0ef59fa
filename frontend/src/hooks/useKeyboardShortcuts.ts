import { useReactFlow } from "@xyflow/react";
import { useEffect } from "react";
import { layoutFitOptions } from "../canvas/viewport";
import { copy, cut, deleteSelection, duplicate, fitViewOptions, GRID, nudge, paste, runAutoLayout } from "../store/commands";
import { useUi } from "../store/uiStore";
import { editorStore } from "../store/useEditor";

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
}

/** The editor's keyboard shortcuts (listed in HelpDialog). */
export function useKeyboardShortcuts(saveNow: () => void) {
  const { fitView } = useReactFlow();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || document.querySelector("dialog[open]")) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const s = editorStore.getState();
      const ui = useUi.getState();
      let handled = true;
      if (mod && key === "z" && !e.shiftKey) s.undo();
      else if (mod && ((key === "z" && e.shiftKey) || key === "y")) s.redo();
      else if (mod && key === "c") copy();
      else if (mod && key === "x") cut();
      else if (mod && key === "v") paste();
      else if (mod && key === "d") duplicate();
      else if (mod && key === "a") s.selectAll();
      else if (mod && key === "s") saveNow();
      else if (mod) handled = false;
      else if (key === "delete" || key === "backspace") deleteSelection();
      else if (key === "escape") s.select([], []);
      else if (e.key === "?") ui.set({ dialog: "help" });
      else if (e.key === "!" || (e.shiftKey && e.code === "Digit1")) void fitView(fitViewOptions());
      else if (key === "g") ui.toggleSnap();
      else if (key === "l") void runAutoLayout().then((laid) => laid && fitView(layoutFitOptions(s.catalog)));
      else if (key.startsWith("arrow") && s.selectedNodes.size) {
        const step = e.shiftKey ? GRID * 10 : ui.snap ? GRID : 1;
        const [dx, dy] = { arrowleft: [-step, 0], arrowright: [step, 0], arrowup: [0, -step], arrowdown: [0, step] }[key] ?? [0, 0];
        nudge(dx, dy);
      } else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [fitView, saveNow]);
}
