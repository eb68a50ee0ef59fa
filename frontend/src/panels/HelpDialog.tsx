import { Dialog } from "../components/Dialog";

const MOD = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform) ? "⌘" : "Ctrl";

export const GESTURES: [string, string][] = [
  ["Drag from the palette", "Add a component; drop it in a Region, VPC or subnet to nest it"],
  ["Drag a component in or out of a container", "Nest it there, or take it out"],
  ["Drag from a dot on a component's side", "Connect (green: AWS supports it; red: drawn and flagged)"],
  ["Double-click a label", "Rename in place"],
  ["Click, Shift+click", "Select, add to the selection"],
  ["Shift+drag on the canvas", "Box-select"],
  ["Drag on the canvas, mouse wheel", "Pan, zoom"],
];

export const SHORTCUTS: [string, string][] = [
  [`Delete / Backspace`, "Delete the selection (containers with their contents)"],
  [`${MOD}+Z`, "Undo"],
  [`${MOD}+Shift+Z, ${MOD}+Y`, "Redo"],
  [`${MOD}+C, ${MOD}+X, ${MOD}+V`, "Copy, cut, paste"],
  [`${MOD}+D`, "Duplicate"],
  [`${MOD}+A`, "Select all"],
  ["Arrow keys (Shift: ×10)", "Nudge the selection"],
  ["Escape", "Clear the selection"],
  ["Shift+1", "Fit the diagram in view"],
  ["G", "Snap to grid on / off"],
  ["L", "Auto layout"],
  [`${MOD}+S`, "Save now"],
  ["?", "This help"],
];

export function HelpDialog({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts and gestures" onClose={onClose} testId="help-dialog">
      <table className="shortcut-table">
        <tbody>
          {GESTURES.map(([how, what]) => (
            <tr key={how}>
              <th scope="row">{how}</th>
              <td>{what}</td>
            </tr>
          ))}
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={keys}>
              <th scope="row">
                <kbd>{keys}</kbd>
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        Connections touching a container (Region, VPC, subnet) are not possible: connect the components inside it. Connections AWS does not
        support are drawn dashed red and reported as CONNECTION_UNSUPPORTED; turn on “Strict connections” to refuse them instead.
      </p>
    </Dialog>
  );
}
