/**
 * What every node and edge of the canvas reads but what rarely changes (the catalog, read-only
 * mode, the layer edge labels are portalled into), handed down by context rather than through
 * one store subscription per node: with 2,000 nodes, each subscription is a selector run on
 * every store change, every frame of a drag.
 */
import { createContext, useContext } from "react";
import type { Catalog } from "../document/catalog";

export interface CanvasEnv {
  catalog: Catalog | null;
  readOnly: boolean;
}

export const CanvasEnvContext = createContext<CanvasEnv>({ catalog: null, readOnly: true });

export const useCanvasEnv = () => useContext(CanvasEnvContext);

/** React Flow's `.react-flow__edgelabel-renderer`, found once (EdgeLabelRenderer looks it up per edge, per store change). */
export const EdgeLabelLayerContext = createContext<HTMLElement | null>(null);

export const useEdgeLabelLayer = () => useContext(EdgeLabelLayerContext);
