import { defineConfig } from "vitest/config";

/**
 * The Prometheus rules proven with promtool (npm run test:rules, after install-promtool.sh builds
 * it): `promtool test rules` on the unit tests of test/rules/, and `promtool check rules` on every
 * sample stack's rule files.
 */
export default defineConfig({
  test: {
    include: ["test/rules/**/*.test.ts"],
    pool: "forks",
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
