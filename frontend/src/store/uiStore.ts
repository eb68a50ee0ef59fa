/** Editor UI state that is not the document: panels, dialogs, toggles, save and validation status. */
import { create } from "zustand";
import type { Problem } from "../api/client";
import type { Diagram } from "../api/diagrams";
import type { Viewport } from "../document/types";
import type { SaveStatus } from "./autosaver";
import type { ValidationStatus } from "./validator";

export type SideTab = "properties" | "findings" | "history" | "comments";
export type DialogName = "help" | "import" | "export" | "share" | null;

const stored = (key: string, fallback: boolean) => {
  try {
    const v = localStorage.getItem(key);
    return v === null ? fallback : v === "1";
  } catch {
    return fallback;
  }
};

const persist = (key: string, value: boolean) => {
  try {
    localStorage.setItem(key, value ? "1" : "0");
  } catch {
    /* private mode: the toggle just isn't remembered */
  }
};

export interface UiState {
  tab: SideTab;
  dialog: DialogName;
  snap: boolean;
  /** Refuse connections AWS does not support instead of drawing and flagging them. */
  strict: boolean;
  showMinimap: boolean;
  saveStatus: SaveStatus;
  saveError: string | null;
  conflict: Diagram | null;
  validation: ValidationStatus;
  problems: Problem[];
  validationError: string | null;
  /** A newer revision was saved elsewhere (another tab, a collaborator). */
  remoteRevision: number | null;
  viewport: Viewport | null;
  /** The rule whose explanation is open in the findings panel. */
  explainRule: string | null;
  toast: { text: string; kind: "info" | "error" } | null;
  set(patch: Partial<UiState>): void;
  toggleSnap(): void;
  toggleStrict(): void;
  toggleMinimap(): void;
  showToast(text: string, kind?: "info" | "error"): void;
}

let toastTimer: ReturnType<typeof setTimeout> | null = null;

export const useUi = create<UiState>()((set, get) => ({
  tab: "properties",
  dialog: null,
  snap: stored("awsb.snap", true),
  strict: stored("awsb.strict", false),
  showMinimap: stored("awsb.minimap", true),
  saveStatus: "saved",
  saveError: null,
  conflict: null,
  validation: "idle",
  problems: [],
  validationError: null,
  remoteRevision: null,
  viewport: null,
  explainRule: null,
  toast: null,
  set: (patch) => set(patch),
  toggleSnap: () => {
    persist("awsb.snap", !get().snap);
    set({ snap: !get().snap });
  },
  toggleStrict: () => {
    persist("awsb.strict", !get().strict);
    set({ strict: !get().strict });
  },
  toggleMinimap: () => {
    persist("awsb.minimap", !get().showMinimap);
    set({ showMinimap: !get().showMinimap });
  },
  showToast: (text, kind = "info") => {
    if (toastTimer) clearTimeout(toastTimer);
    set({ toast: { text, kind } });
    toastTimer = setTimeout(() => set({ toast: null }), 4000);
  },
}));
