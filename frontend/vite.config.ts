/// <reference types="vitest/config" />
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Django serves dist/ as static files under /static/ and reads dist/.vite/manifest.json
// to include the entry's JS and CSS in builder/templates/builder/spa.html.
export default defineConfig({
  base: "/static/",
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    manifest: true,
    sourcemap: false,
    // elkjs (about 1.4 MB) is its own lazy chunk, loaded when the user asks for a layout.
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      input: "src/main.tsx",
    },
  },
  server: {
    // `npm run dev` proxies the API to a Django dev server on :8000.
    proxy: {
      "/api": "http://127.0.0.1:8000",
      "/ws": { target: "ws://127.0.0.1:8000", ws: true },
    },
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
    setupFiles: ["src/test/i18nSetup.ts"],
  },
});
