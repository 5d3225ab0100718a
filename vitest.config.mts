import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// Every test file shares its worker's module registry (isolate: false): cdktf, @cdktf/provider-aws, zod and yaml
// load once per worker instead of once per file. Tests must therefore not depend on module state left by another file.
export default defineConfig({
  test: {
    globals: true,
    environment: "node",
    include: ["__tests__/**/*.test.ts"],
    setupFiles: ["__tests__/support/setup.ts"],
    isolate: false,
    // On 2 cores: forks and threads equally fast (unit part ~7.1 s vs ~7.2 s), forks with half the peak RSS;
    // more workers than cores is slower (~8.4 s with 4).
    pool: "forks",
    maxWorkers: availableParallelism(),
  },
});
