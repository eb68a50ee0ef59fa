import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "@xyflow/react/dist/style.css";
import "./styles.css";
import { App } from "./App";
import { readBoot } from "./boot";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App boot={readBoot()} />
    </StrictMode>,
  );
}
