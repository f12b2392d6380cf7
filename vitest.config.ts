import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**"],
    // Pulumi's mock runtime is process-global: files run in separate forks, tests in a file in order.
    pool: "forks",
    testTimeout: 60_000,
  },
});
