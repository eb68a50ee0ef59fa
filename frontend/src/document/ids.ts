import type { Document } from "./types";

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

function randomSuffix(n = 6): string {
  const bytes = new Uint8Array(n);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join("");
}

/** A fresh id (`prefix-xxxxxx`) unique among the document's nodes, edges and `taken`. */
export function newId(doc: Document, prefix: string, taken: Set<string> = new Set()): string {
  const used = (id: string) => taken.has(id) || doc.nodes.some((n) => n.id === id) || doc.edges.some((e) => e.id === id);
  const clean = prefix.replace(/[^A-Za-z0-9_.-]/g, "").slice(0, 40) || "n";
  for (;;) {
    const id = `${clean}-${randomSuffix()}`;
    if (!used(id)) {
      taken.add(id);
      return id;
    }
  }
}
