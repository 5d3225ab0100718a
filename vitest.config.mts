import { availableParallelism } from "node:os";
import { dirname } from "node:path";
import { defineConfig } from "vitest/config";
import type { VitestPluginContext } from "vitest/node";
import { moduleCacheKey } from "./__tests__/support/module-cache-key";

// Every test file shares its worker's module registry (isolate: false): cdktf, @cdktf/provider-aws, zod and yaml
// load once per worker instead of once per file. Tests must therefore not depend on module state left by another file.
export default defineConfig({
  plugins: [
    {
      // Vitest keys each kept transform (fsModuleCache below) by the file's content, vitest's config and the
      // lockfile. Two things that change a transform are not in that key, so they are added here:
      // - the compiler options Vite strips types with (tsconfig.json);
      // - what the file's imports resolve to: the transform holds resolved paths, so a file added, moved or
      //   renamed (`foo.ts` next to `foo/index.ts`, a branch switch) would leave a kept transform importing the
      //   wrong file or one that is gone. The list of source paths is in the key: such a change re-transforms all.
      name: "axonflow:module-cache-key",
      configureVitest({ vitest, experimental_defineCacheKeyGenerator }: VitestPluginContext) {
        // The project is where this file is, whatever `--root` or the working directory say.
        const { configFile } = vitest.vite.config;
        const key = moduleCacheKey(configFile ? dirname(configFile) : vitest.config.root);
        experimental_defineCacheKeyGenerator(() => key);
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
    experimental: {
      // Vite's transform of each TypeScript file, kept on disk between runs: 0.5–1.0 s of a 4.1–4.7 s unit part (see
      // BENCHMARKS.md). Experimental in vitest 4.1, hence the exact version pin. Off in CI (`CI` set): a fresh
      // clone has nothing kept, and a pipeline that restores node_modules should not carry transforms over.
      fsModuleCache: !process.env.CI,
      fsModuleCachePath: "node_modules/.experimental-vitest-cache",
    },
  },
});
