import { defineConfig } from "vitest/config";

// The browser suite drives Debian's /usr/bin/chromium; it runs separately (npm run test:browser).
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: "forks",
    globalSetup: ["test/global-tmp.ts"],
    fileParallelism: false,
    passWithNoTests: false,
  },
});
