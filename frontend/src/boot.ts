/** What Django puts in `<script id="boot" type="application/json">` (builder/templates/builder/spa.html). */
export interface Boot {
  page: "list" | "editor" | "review";
  diagram_id: number | null;
  token: string | null;
  user: { username: string } | null;
  urls: { logout: string; login: string };
}

export function readBoot(): Boot {
  const el = document.getElementById("boot");
  const raw = el?.textContent ? (JSON.parse(el.textContent) as Partial<Boot>) : {};
  return {
    page: raw.page ?? "list",
    diagram_id: raw.diagram_id ?? null,
    token: raw.token ?? null,
    user: raw.user ?? null,
    urls: raw.urls ?? { logout: "/accounts/logout/", login: "/accounts/login/" },
  };
}
