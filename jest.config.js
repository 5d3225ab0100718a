// jest, as the project's users asked (cdktf's Testing.setupJest() matchers are registered in the setup file).
// TypeScript goes through @swc/jest: transpile-only (types are checked once by `tsc --noEmit` in `npm test`).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
  },
  // jest defaults to cores − 1 workers: one on this 2-core machine. Two halve the unit part.
  maxWorkers: require("node:os").availableParallelism(),
  moduleNameMapper: { "^archiver$": "<rootDir>/__tests__/support/lazy-archiver.js" },
  setupFilesAfterEnv: ["<rootDir>/__tests__/support/setup.ts"],
  // After jest's summary: which suites were skipped for a missing tool, and the fix.
  reporters: ["default", "<rootDir>/__tests__/support/skip-summary-reporter.js"],
  collectCoverageFrom: ["lib/**/*.ts", "replay/**/*.ts", "main.ts"],
};
