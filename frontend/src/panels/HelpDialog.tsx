import { Dialog } from "../components/Dialog";
import { useTranslation } from "react-i18next";

const MOD = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform) ? "⌘" : "Ctrl";

/** Keys of help.gesture.<key>.how / .what in the message catalogs. */
export const GESTURES = ["palette", "nest", "connect", "rename", "select", "box", "pan"] as const;

/** The keys, and the key of what they do (help.shortcut.<key>). */
export const SHORTCUTS: [string, string][] = [
  [`Delete / Backspace`, "delete"],
  [`${MOD}+Z`, "undo"],
  [`${MOD}+Shift+Z, ${MOD}+Y`, "redo"],
  [`${MOD}+C, ${MOD}+X, ${MOD}+V`, "clipboard"],
  [`${MOD}+D`, "duplicate"],
  [`${MOD}+A`, "selectAll"],
  ["arrows", "nudge"],
  ["Escape", "clear"],
  ["Shift+1", "fit"],
  ["G", "snap"],
  ["L", "layout"],
  [`${MOD}+S`, "save"],
  ["?", "help"],
];

export function HelpDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t("help.title")} onClose={onClose} testId="help-dialog" scrollable>
      <table className="shortcut-table">
        <tbody>
          {GESTURES.map((g) => (
            <tr key={g}>
              <th scope="row">{t(`help.gesture.${g}.how`)}</th>
              <td>{t(`help.gesture.${g}.what`)}</td>
            </tr>
          ))}
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys === "arrows" ? t("help.arrows") : keys}</kbd>
              </th>
              <td>{t(`help.shortcut.${what}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        {t("help.note", { strict: t("tools.strict") })}
      </p>
    </Dialog>
  );
}
