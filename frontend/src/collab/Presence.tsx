/**
 * Presence in a live session: who is here (initials in their colour, in the header), where
 * their pointers are and what they have selected (on the canvas), and whether this editor is
 * offline. Everything comes from `useLive` (collab/session.ts); the colours from the server.
 */
import { useViewport } from "@xyflow/react";
import { useTranslation } from "react-i18next";
import { absolutePositions, nodeSize } from "../document/geometry";
import { useEditor } from "../store/useEditor";
import type { Identity } from "./session";
import { useLive } from "./session";
import "./collab.css";

/** The people in the session (this one first), and "offline" while the socket is down. */
export function PresenceBar({ me }: { me: Identity | null }) {
  const { t } = useTranslation();
  const on = useLive((s) => s.on);
  const status = useLive((s) => s.status);
  const stopped = useLive((s) => s.stopped);
  const peers = useLive((s) => s.peers);
  if (!on && !stopped) return null;
  return (
    <div className="presence" data-testid="presence" data-status={status}>
      {stopped ? (
        <span className="live-state live-stopped" role="alert" data-testid="live-stopped">
          {t(`live.stopped.${stopped}`)}
        </span>
      ) : status !== "synced" ? (
        <span className="live-state live-offline" role="status" title={t("live.offlineHint")} data-testid="live-offline">
          {t("live.offline")}
        </span>
      ) : null}
      <ul className="avatars" aria-label={t("live.people")}>
        {me && (
          <li className="avatar avatar-me" style={{ background: me.colour }} title={t("live.you", { name: me.name })} data-testid="avatar-me">
            {me.initials}
          </li>
        )}
        {peers.map((p) => (
          <li
            key={p.clientId}
            className="avatar"
            style={{ background: p.user.colour }}
            title={t(`live.role.${p.user.role}`, { name: p.user.name, defaultValue: p.user.name })}
            data-testid="avatar"
            data-name={p.user.name}
          >
            {p.user.initials}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Others' pointers and selections over the canvas (flow coordinates mapped with the viewport). */
export function PresenceLayer() {
  const peers = useLive((s) => s.peers);
  const doc = useEditor((s) => s.doc);
  const catalog = useEditor((s) => s.catalog);
  const { x, y, zoom } = useViewport();
  if (!peers.length || !catalog) return null;
  const abs = absolutePositions(doc);
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  return (
    <div className="presence-layer" aria-hidden="true" data-testid="presence-layer">
      {peers.map((p) =>
        p.selection.map((id) => {
          const node = byId.get(id);
          const at = abs.get(id);
          if (!node || !at) return null;
          const size = nodeSize(node, catalog);
          return (
            <div
              key={`${p.clientId}-${id}`}
              className="peer-selection"
              data-testid="peer-selection"
              data-node-id={id}
              style={{
                left: at.x * zoom + x - 3,
                top: at.y * zoom + y - 3,
                width: size.w * zoom + 6,
                height: size.h * zoom + 6,
                borderColor: p.user.colour,
              }}
            >
              <span className="peer-tag" style={{ background: p.user.colour }}>
                {p.user.name}
                {p.editing === id ? " ✎" : ""}
              </span>
            </div>
          );
        }),
      )}
      {peers.map(
        (p) =>
          p.pointer && (
            <div
              key={`pointer-${p.clientId}`}
              className="peer-pointer"
              data-testid="peer-pointer"
              style={{ left: p.pointer.x * zoom + x, top: p.pointer.y * zoom + y, color: p.user.colour }}
            >
              <svg width="16" height="20" viewBox="0 0 16 20">
                <path d="M1 1 L1 16 L5 12 L8 19 L11 18 L8 11 L14 11 Z" fill="currentColor" stroke="white" strokeWidth="1.2" />
              </svg>
              <span className="peer-tag" style={{ background: p.user.colour }}>
                {p.user.name}
              </span>
            </div>
          ),
      )}
    </div>
  );
}
