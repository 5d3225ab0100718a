import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * Biome formats code at 140 columns but leaves a string or comment as long as it was written: this holds those to
 * 160 too, so a long message is built from parts, not written on one line.
 */
const ROOT = join(__dirname, "..");
const MAX = 160;
const FOLDERS = ["lib", "replay", "preview", "scripts", "__tests__"];
const SKIPPED = new Set(["node_modules", "fixtures", "__snapshots__"]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIPPED.has(e.name)) return [];
    const path = join(dir, e.name);
    return e.isDirectory() ? sources(path) : /\.(ts|js)$/.test(e.name) ? [path] : [];
  });
}

test(`no source line is over ${MAX} characters`, () => {
  const files = [join(ROOT, "main.ts"), join(ROOT, "jest.config.js"), ...FOLDERS.flatMap((f) => sources(join(ROOT, f)))];
  expect(files.length).toBeGreaterThan(100);
  const long = files.flatMap((file) =>
    readFileSync(file, "utf8")
      .split("\n")
      .flatMap((line, i) => ([...line].length > MAX ? [`${relative(ROOT, file)}:${i + 1}: ${[...line].length} characters`] : [])),
  );
  expect(long).toEqual([]);
});
