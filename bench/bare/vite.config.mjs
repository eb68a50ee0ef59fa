// Built by bench/editor.py in a temporary copy of this folder (node_modules linked to frontend's).
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  plugins: [react()],
  logLevel: "warn",
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false },
});
