import type { Severity } from "../api/rules";

/**
 * Severity is never told by colour alone: each has a shape too (a cross, a triangle, an "i"),
 * shown next to counts and on badges, and its word for screen readers.
 */
export const SEVERITY_MARK: Record<Severity, string> = { error: "✕", warning: "▲", info: "i" };
