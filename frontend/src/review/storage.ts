/**
 * What a reviewer's browser remembers (localStorage; silently nothing in private mode):
 * their display name, and per link the revision they last commented on ("what changed since").
 */

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const NAME_KEY = "awsb.reviewer-name";

function defaultStore(): KeyValueStore | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

function read(store: KeyValueStore | null, key: string): string | null {
  try {
    return store?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(store: KeyValueStore | null, key: string, value: string): void {
  try {
    store?.setItem(key, value);
  } catch {
    /* full or private: not remembered */
  }
}

/** A short, non-reversible key for a token (the token is a secret: keep it out of storage). */
export function tokenKey(token: string): string {
  let h = 0x811c9dc5; // FNV-1a, 32 bits, twice with different seeds: collisions don't matter much here
  let g = 0x01000193;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    h = Math.imul(h ^ c, 0x01000193) >>> 0;
    g = Math.imul(g ^ c, 0x811c9dc5) >>> 0;
  }
  return `awsb.review-seen.${h.toString(36)}${g.toString(36)}`;
}

export function getReviewerName(store = defaultStore()): string {
  return (read(store, NAME_KEY) ?? "").slice(0, 80);
}

export function setReviewerName(name: string, store = defaultStore()): void {
  const v = name.trim().slice(0, 80);
  if (v) write(store, NAME_KEY, v);
}

/** The revision this browser last commented on through this link, or null. */
export function getSeenRevision(token: string, store = defaultStore()): number | null {
  const v = Number(read(store, tokenKey(token)));
  return Number.isInteger(v) && v > 0 ? v : null;
}

/** Remember `revision` for this link; never goes backwards. */
export function setSeenRevision(token: string, revision: number, store = defaultStore()): void {
  const before = getSeenRevision(token, store);
  if (Number.isInteger(revision) && revision > 0 && (before === null || revision > before)) write(store, tokenKey(token), String(revision));
}
