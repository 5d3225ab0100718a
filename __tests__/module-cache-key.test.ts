import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { VitestPluginContext } from "vitest/node";
import { moduleCacheKey } from "./support/module-cache-key";

// vitest.config.mts adds this key to every transform vitest keeps between runs; a change that alters how
// a file transforms or what its imports resolve to must change it, and nothing else should.
describe("the key added to vitest's kept transforms", () => {
  let root: string;
  const write = (path: string, text = "export {};\n") => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "axonflow-module-key-"));
    write("tsconfig.json", '{ "compilerOptions": { "target": "ES2022" } }\n');
    write("main.ts", 'import "./lib/foo";\n');
    write("lib/foo/index.ts");
    write("__tests__/support/helpers.ts");
    write("scripts/tool.ts");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test("stays the same while only contents change, and ignores what is not a source file", () => {
    const before = moduleCacheKey(root);
    write("lib/foo/index.ts", "export const foo = 2;\n");
    write("lib/notes.md", "not a source file\n");
    write("lib/.#index.ts", "an editor's lock file\n");
    expect(moduleCacheKey(root)).toBe(before);
  });

  test("changes when tsconfig.json changes", () => {
    const before = moduleCacheKey(root);
    write("tsconfig.json", '{ "compilerOptions": { "target": "ES2020" } }\n');
    expect(moduleCacheKey(root)).not.toBe(before);
  });

  test.each(["lib/foo.ts", "__tests__/support/helpers/index.ts", "scripts/tool.mts", "lib/data.json", "config.ts"])(
    "changes when %s appears (an import may now resolve to it)",
    (path) => {
      const before = moduleCacheKey(root);
      write(path);
      expect(moduleCacheKey(root)).not.toBe(before);
    },
  );

  test.each(["lib/foo/index.ts", "__tests__/support/helpers.ts", "scripts/tool.ts", "main.ts"])("changes when %s moves or is deleted", (path) => {
    const before = moduleCacheKey(root);
    renameSync(join(root, path), join(root, `${path}.moved.ts`));
    const moved = moduleCacheKey(root);
    expect(moved).not.toBe(before);
    rmSync(join(root, `${path}.moved.ts`));
    expect(moduleCacheKey(root)).not.toBe(moved);
  });

  test("does not depend on where the checkout is", () => {
    const copy = mkdtempSync(join(tmpdir(), "axonflow-module-key-copy-"));
    try {
      cpSync(root, copy, { recursive: true });
      expect(moduleCacheKey(copy)).toBe(moduleCacheKey(root));
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  test("does not follow symbolic links (a loop would never end)", () => {
    const before = moduleCacheKey(root);
    symlinkSync(join(root, "lib"), join(root, "lib", "loop"));
    expect(moduleCacheKey(root)).toBe(before);
  });

  test("is what vitest.config.mts registers, for the project the config file is in", async () => {
    // A path in a variable: TypeScript (module commonjs) would not resolve a static `.mts` import.
    const configPath = "../vitest.config.mts";
    const { default: vitestConfig } = (await import(configPath)) as { default: { plugins: unknown[] } };
    const plugin = vitestConfig.plugins.find((p) => (p as { name?: string } | null)?.name === "axonflow:module-cache-key") as {
      configureVitest: (context: VitestPluginContext) => void;
    };
    const generators: (() => unknown)[] = [];
    const context = {
      vitest: { vite: { config: { configFile: join(root, "vitest.config.mts") } }, config: { root: "/somewhere/else" } },
      experimental_defineCacheKeyGenerator: (g: () => unknown) => generators.push(g),
    } as unknown as VitestPluginContext;
    plugin.configureVitest(context);
    expect(generators.map((g) => g())).toEqual([moduleCacheKey(root)]);
  });
});
