import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import ts from "typescript";

const ROOT = resolve(__dirname, "../..");

/** Each module a file imports or re-exports, as a path from the project root without extension. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  return importedFiles
    .filter((i) => i.fileName.startsWith("."))
    .map((i) =>
      relative(ROOT, resolve(dirname(file), i.fileName))
        .split(sep)
        .join("/"),
    );
}

/**
 * Where a preview module may reach into replay/: a top-level module (replay/run-scenario) or a folder's public
 * surface, its index (replay/engine, replay/world, replay/scenarios); never a file inside the folder.
 */
function reachesIntoReplay(target: string): boolean {
  const parts = target.split("/");
  if (parts[0] !== "replay" || parts.length === 2) return false;
  return !(parts.length === 3 && parts[2] === "index");
}

const previewFiles = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts"))
    .map((e) => join(e.parentPath, e.name));

describe("the preview uses the replay through its public surfaces", () => {
  const imports = previewFiles("preview").flatMap((file) => importsOf(file).map((target) => ({ file: relative(ROOT, file), target })));

  test("the scan sees the preview's imports of the engine and the world", () => {
    const targets = new Set(imports.map((i) => i.target));
    expect(targets).toContain("replay/engine");
    expect(targets).toContain("replay/world");
  });

  test("no preview module imports a file inside a replay folder (engine/, world/, scenarios/, import/)", () => {
    expect(imports.filter((i) => reachesIntoReplay(i.target))).toEqual([]);
  });

  test("the rule itself: a folder's index and top-level modules are allowed, the files behind them are not", () => {
    expect(["replay/engine", "replay/engine/index", "replay/run-scenario", "lib/metrics/metric-math"].filter(reachesIntoReplay)).toEqual(
      [],
    );
    expect(
      ["replay/engine/metric-math", "replay/world/simulate", "replay/import/metric-data-queries"].filter(reachesIntoReplay),
    ).toHaveLength(3);
  });
});
