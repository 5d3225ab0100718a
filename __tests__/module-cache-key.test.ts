import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { moduleCacheKey } from "./support/module-cache-key";

// vitest.config.mts adds this key to every transform vitest keeps between runs; a change that alters how
// a file transforms or what its imports resolve to must change it, and nothing else should.
describe("the key added to vitest's kept transforms", () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), "axonflow-module-key-"));
    for (const dir of ["lib/foo", "__tests__", "scripts"]) mkdirSync(join(root, dir), { recursive: true });
    writeFileSync(join(root, "tsconfig.json"), '{ "compilerOptions": { "target": "ES2022" } }\n');
    writeFileSync(join(root, "main.ts"), 'import "./lib/foo";\n');
    writeFileSync(join(root, "lib/foo/index.ts"), "export const foo = 1;\n");
    writeFileSync(join(root, "__tests__/foo.test.ts"), 'import "../lib/foo";\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test("stays the same while only file contents change (vitest keys those itself)", () => {
    const before = moduleCacheKey(root);
    writeFileSync(join(root, "lib/foo/index.ts"), "export const foo = 2;\n");
    writeFileSync(join(root, "lib/notes.md"), "not a source file\n");
    expect(moduleCacheKey(root)).toBe(before);
  });

  test("changes when tsconfig.json changes", () => {
    const before = moduleCacheKey(root);
    writeFileSync(join(root, "tsconfig.json"), '{ "compilerOptions": { "target": "ES2020" } }\n');
    expect(moduleCacheKey(root)).not.toBe(before);
  });

  test("changes when a file appears that an import would now resolve to (lib/foo.ts next to lib/foo/index.ts)", () => {
    const before = moduleCacheKey(root);
    writeFileSync(join(root, "lib/foo.ts"), "export const foo = 3;\n");
    expect(moduleCacheKey(root)).not.toBe(before);
  });

  test("changes when a file moves or is deleted", () => {
    const before = moduleCacheKey(root);
    renameSync(join(root, "lib/foo/index.ts"), join(root, "lib/foo/main.ts"));
    const moved = moduleCacheKey(root);
    expect(moved).not.toBe(before);
    rmSync(join(root, "lib/foo/main.ts"));
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
});
