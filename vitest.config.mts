import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";
import type { VitestPluginContext } from "vitest/node";

// Every test file shares its worker's module registry (isolate: false): cdktf, @cdktf/provider-aws, zod and yaml
// load once per worker instead of once per file. Tests must therefore not depend on module state left by another file.
export default defineConfig({
  plugins: [
    {
      // The module cache below keys each file by its content, vitest's config and the lockfile, not by the
      // compiler options esbuild strips types with: an edit to tsconfig.json must not reuse old transforms.
      name: "axonflow:tsconfig-in-module-cache-key",
      configureVitest({ experimental_defineCacheKeyGenerator }: VitestPluginContext) {
        const tsconfig = readFileSync(join(__dirname, "tsconfig.json"), "utf8");
        experimental_defineCacheKeyGenerator(() => tsconfig);
      },
    },
  ],
  test: {
    globals: true,
    environment: "node",
    include: ["__tests__/**/*.test.ts"],
    setupFiles: ["__tests__/support/setup.ts"],
    isolate: false,
    // Threads: the unit part ~4 % faster than with forks (4.1 s against 4.3 s here), for ~400 MB peak RSS against
    // ~215 MB, well inside the 1 GB budget. More workers than cores is slower (~8.4 s against ~7.1 s with 4).
    pool: "threads",
    maxWorkers: availableParallelism(),
    // Vite's transform of each TypeScript module, kept on disk (node_modules/.experimental-vitest-cache) between
    // runs: ~0.5 s of the unit part's ~4 s. Keyed by file content, so an edit is seen; if a run ever shows stale
    // code, `npx vitest --clearCache`. Experimental in vitest 4.1, hence the exact version pin.
    experimental: { fsModuleCache: true },
  },
});
