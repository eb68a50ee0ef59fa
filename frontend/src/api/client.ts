/** The one HTTP helper: session auth, CSRF header, the language, JSON, and one error type for DRF errors. */
import { currentLanguage, i18next } from "../i18n";

export interface Problem {
  pointer: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  /** DRF's `detail`, or a summary of field errors. */
  readonly detail: string;
  /** Document problems (JSON Pointers) from a 400 on a document. */
  readonly problems: Problem[];
  /** The parsed body, for callers that need more (a 409 carries the current diagram). */
  readonly body: unknown;

  constructor(status: number, body: unknown) {
    const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
    const detail =
      typeof b.detail === "string"
        ? b.detail
        : status === 0
          ? i18next.t("api.unreachable")
          : fieldErrors(b) || i18next.t("api.failed", { status });
    super(detail);
    this.status = status;
    this.detail = detail;
    this.problems = Array.isArray(b.problems) ? (b.problems as Problem[]) : [];
    this.body = body;
  }
}

function fieldErrors(b: Record<string, unknown>): string {
  return Object.entries(b)
    .filter(([k]) => k !== "problems")
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(" ") : String(v)}`)
    .join("; ");
}

export function csrfToken(): string {
  const m = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return m ? decodeURIComponent(m[1]) : "";
}

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export async function request<T>(method: string, url: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": currentLanguage(), ...opts.headers };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (!["GET", "HEAD", "OPTIONS"].includes(method)) headers["X-CSRFToken"] = csrfToken();
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError(0, null);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = { detail: text.slice(0, 200) || res.statusText };
  }
  if (!res.ok) throw new ApiError(res.status, parsed);
  return parsed as T;
}

export const get = <T>(url: string, opts?: RequestOptions) => request<T>("GET", url, undefined, opts);
export const post = <T>(url: string, body?: unknown, opts?: RequestOptions) => request<T>("POST", url, body ?? {}, opts);
export const put = <T>(url: string, body: unknown, opts?: RequestOptions) => request<T>("PUT", url, body, opts);
export const patch = <T>(url: string, body: unknown, opts?: RequestOptions) => request<T>("PATCH", url, body, opts);
export const del = <T>(url: string, opts?: RequestOptions) => request<T>("DELETE", url, undefined, opts);
