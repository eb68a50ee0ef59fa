/** What Django puts in `<script id="boot" type="application/json">` (builder/templates/builder/spa.html). */
export interface Boot {
  page: "list" | "editor" | "review";
  diagram_id: number | null;
  token: string | null;
  user: { username: string } | null;
  /** The editor page: this person's role on the diagram (owner, editor, viewer: docs/collab.md). */
  role: "owner" | "editor" | "viewer";
  /** The editor page: the name, initials and colour the live session shows for this person. */
  me: { name: string; initials: string; colour: string; role: string } | null;
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
    role: raw.role ?? "owner",
    me: raw.me ?? null,
    urls: raw.urls ?? { logout: "/accounts/logout/", login: "/accounts/login/" },
  };
}
