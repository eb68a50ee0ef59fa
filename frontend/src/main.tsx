import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "@xyflow/react/dist/style.css";
import "./styles.css";
import { App } from "./App";
import { readBoot } from "./boot";
import { startI18n } from "./i18n";
import { startTheme } from "./theme";

const root = document.getElementById("root");
if (root) {
  const boot = readBoot();
  startTheme();
  // The first paint is in the user's language (its catalog is a small chunk of its own).
  void startI18n(boot.user !== null).finally(() =>
    createRoot(root).render(
      <StrictMode>
        <App boot={boot} />
      </StrictMode>,
    ),
  );
}
