/** Small display helpers shared by the pages. */
import { currentLanguage, i18next } from "../i18n";

export function timeAgo(iso: string, now = Date.now()): string {
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return "";
  const s = Math.round((now - t) / 1000);
  if (s < 45) return i18next.t("time.justNow");
  const m = Math.round(s / 60);
  if (m < 60) return i18next.t("time.minutesAgo", { count: m });
  const h = Math.round(m / 60);
  if (h < 24) return i18next.t("time.hoursAgo", { count: h });
  const d = Math.round(h / 24);
  if (d < 7) return i18next.t("time.daysAgo", { count: d });
  return new Date(iso).toLocaleDateString(currentLanguage());
}

export function fullTime(iso: string): string {
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? "" : t.toLocaleString(currentLanguage());
}

export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function safeFilename(name: string, ext: string): string {
  const base = name.trim().replace(/[\\/:*?"<>|\p{Cc}]+/gu, "_").slice(0, 80) || "diagram";
  return `${base}.${ext}`;
}
