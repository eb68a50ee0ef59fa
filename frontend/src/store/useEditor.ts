import { useStore } from "zustand";
import { createEditorStore, type EditorActions, type EditorState } from "./editorStore";

/** The page's editor store (one editor per page). */
export const editorStore = createEditorStore();

export function useEditor<T>(selector: (s: EditorState & EditorActions) => T): T {
  return useStore(editorStore, selector);
}
