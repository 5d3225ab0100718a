import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { synthesizedEnvironments } from "../replay/replay-stacks";
import { type Scenario, scenarioFromText } from "../replay/scenarios";
import { buildPreview } from "./build-preview";
import { renderPage } from "./page/render-page";
import { UsageError, type PreviewArgs } from "./preview-args";
import { SCENARIOS_DIR } from "./project-paths";

/** Which pages to write, and writing them: the work of `npm run preview` (cli.ts), also called by the tests. */
export const DEFAULT_SCENARIO = "steady-day";

export interface PreviewTarget {
  readonly environment: string;
  readonly stackFile: string;
  readonly page: string;
}

/** Where `--all` writes when no `--out` is given: a folder of its own, so it never replaces a page of one environment. */
export const ALL_PAGES_DIR = "previews";

/** The environments the arguments name, each with the page it gets; unknown names list the synthesized ones. */
export function previewTargets(outdir: string, args: PreviewArgs): PreviewTarget[] {
  const all = synthesizedEnvironments(outdir);
  const chosen = typeof args.environment === "string" ? all.filter((e) => e.name === args.environment) : all;
  if (chosen.length === 0) {
    throw new UsageError(
      `no stack "${String(args.environment)}" in ${outdir}; synthesized: ${all.map((e) => e.name).join(", ") || "none"}`,
    );
  }
  return chosen.map((e) => ({ environment: e.name, stackFile: e.file, page: pageFile(outdir, args, e.name, e.file) }));
}

/**
 * `--out <folder>`: `<folder>/<env>.html`. Else one environment's page beside its stack, where `npm run preview --
 * <env>` always put it, and `--all`'s pages in `<outdir>/previews/<env>.html`.
 */
function pageFile(outdir: string, args: PreviewArgs, environment: string, stackFile: string): string {
  if (args.pagesDir !== undefined) return join(resolve(args.pagesDir), `${environment}.html`);
  if (typeof args.environment !== "string") return join(outdir, ALL_PAGES_DIR, `${environment}.html`);
  return join(dirname(stackFile), "dashboard.html");
}

/**
 * The named scenario of replay/scenarios (a scenario's name is its file's stem), loaded alone: loading all fifteen
 * costs a tenth of a preview. An unknown name lists the scenarios there are.
 */
export function findScenario(dir: string, name: string): Scenario {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.slice(0, -".yaml".length))
    .sort();
  if (!names.includes(name)) throw new UsageError(`--scenario ${name}: no such scenario; scenarios: ${names.join(", ")}`);
  const file = join(dir, `${name}.yaml`);
  const loaded = scenarioFromText(file, readFileSync(file, "utf8"));
  if (!loaded.ok) throw new Error(`Invalid scenario:\n${loaded.problems.map((p) => `  - ${p}`).join("\n")}`);
  return loaded.scenario;
}

/**
 * Writes the page of each target; returns one line per page for the console, naming the file written. Every page
 * is built before the first is written, so a scenario one environment cannot replay writes none.
 */
export function writePreviews(outdir: string, args: PreviewArgs): string[] {
  const scenario = findScenario(SCENARIOS_DIR, args.scenario ?? DEFAULT_SCENARIO);
  const built = previewTargets(outdir, args).map((target) => {
    const started = performance.now();
    const preview = buildPreview({
      stackFile: target.stackFile,
      environment: target.environment,
      scenario,
      ...(args.atMinute !== undefined && { atMinute: args.atMinute }),
    });
    return { target, preview, html: renderPage(preview), seconds: ((performance.now() - started) / 1000).toFixed(2) };
  });
  return built.map(({ target, preview, html, seconds }) => {
    mkdirSync(dirname(target.page), { recursive: true });
    writeFileSync(target.page, html);
    const unrendered = preview.views.filter((v) => v.kind === "unrendered").length;
    return (
      `${shownPath(target.page)}: ${preview.views.length} widgets (${unrendered} not ` +
      `rendered), ${scenario.name} at minute ${preview.atMinute}, ${seconds} s`
    );
  });
}

/** A page inside the working folder by its relative path, one outside it (`--out /tmp/x`) by its absolute path. */
function shownPath(file: string): string {
  const inside = relative(process.cwd(), file);
  return inside.startsWith("..") || isAbsolute(inside) ? file : inside;
}
