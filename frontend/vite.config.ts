import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// The backend serves the build (dist/) itself: one URL for the console and the API.
export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true },
  test: { environment: "jsdom" },
});
