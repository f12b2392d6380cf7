import { defineConfig } from "vitest/config";

/** Tests against the local control plane (npm run test:e2e): one file at a time, steps in order. */
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    pool: "forks",
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
