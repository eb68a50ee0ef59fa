import { describe, expect, it } from "vitest";
import { emptyDocument, type Document } from "../document/types";
import { FIT_MIN_ZOOM, readableZoom } from "../document/style";
import { catalog } from "../test/fixtures";
import { initialViewport } from "./viewport";

/** A row of `n` Lambda functions, 200 px apart. */
function row(n: number): Document {
  const doc = emptyDocument();
  doc.nodes = Array.from({ length: n }, (_, i) => ({ id: `f${i}`, type: "lambda.function", position: { x: i * 200, y: 0 } }));
  return doc;
}

describe("the view a diagram opens at", () => {
  const readable = readableZoom(catalog.style);

  it("shows a small diagram whole, below the readable zoom down to 50 %", () => {
    // Six cards in 1,120 px of a 700 px wide canvas: it fits at about 0.55.
    const v = initialViewport(row(6), catalog, 700, 600);
    expect(v.zoom).toBeLessThan(readable);
    expect(v.zoom).toBeGreaterThanOrEqual(FIT_MIN_ZOOM);
    // The whole row is on screen.
    expect(v.x).toBeGreaterThanOrEqual(0);
    expect(v.x + (5 * 200 + 120) * v.zoom).toBeLessThanOrEqual(700);
  });

  it("opens a diagram that would need less than 50 % on its top-left corner at the readable zoom", () => {
    const v = initialViewport(row(40), catalog, 700, 600);
    expect(v.zoom).toBe(readable);
    expect(v.x).toBe(24);
  });
});
