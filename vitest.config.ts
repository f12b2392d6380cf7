import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The end-to-end suite and the promtool tests run with their own configs (npm run test:e2e, test:rules).
    exclude: ["test/e2e/**", "test/rules/**", "node_modules/**"],
    // Pulumi's mock runtime is process-global: files run in separate forks, tests in a file in order.
    pool: "forks",
    testTimeout: 60_000,
  },
});
