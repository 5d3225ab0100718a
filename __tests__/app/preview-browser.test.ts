import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { dashboardFromStack, type DashboardWidget } from "../../preview/dashboard-source";
import { GRID_WIDTH_PX, pixelBox } from "../../preview/grid-geometry";
import { writePreviews } from "../../preview/write-previews";
import { kindOf } from "../../replay/run-scenario";
import { stackUnderReplay, synthesizedEnvironments } from "../../replay/replay-stacks";
import { readStackJson } from "../../replay/world/stack-json";
import { ROOT, runApp } from "../support/app-process";
import { describeWithBrowser, launchChromium } from "./browser-harness";

/**
 * The page as reviewers get it, opened in a real browser: the shipped environments synthesized by the app as `npm
 * run synth` runs it, each environment's preview written as `npm run preview -- <env> --out <folder>` writes it,
 * opened from the file with every network request refused, and a screenshot taken. A paging environment gets the
 * incident of the acceptance (public-targets-down); the others a steady day. Everything goes into a temporary
 * folder: the repository's cdktf.out holds the user's own stacks and pages. AXONFLOW_SCREENSHOTS_DIR keeps the
 * screenshots (`<env>-<scenario>.png`) for review, as the example workflow does.
 */

interface Folders {
  readonly work: string;
  readonly outdir: string;
  readonly pages: string;
  readonly screenshots: string;
}

/** The suite's temporary folder (made only when the suite runs), its cdktf.out, pages and screenshots. */
function suiteFolders(): Folders {
  const work = mkdtempSync(join(tmpdir(), "axonflow-preview-browser-"));
  const pages = join(work, "pages");
  return {
    work,
    outdir: join(work, "cdktf.out"),
    pages,
    screenshots: process.env.AXONFLOW_SCREENSHOTS_DIR ? resolve(process.env.AXONFLOW_SCREENSHOTS_DIR) : pages,
  };
}

/** What the repository's own cdktf.out holds before the suite, to show it untouched after. */
const REPO_OUTDIR = join(ROOT, "cdktf.out");
const repoOutputBefore = fileStamps(REPO_OUTDIR);
// Widget boxes are placed in whole pixels; a pixel either way for borders and rounding.
const TOLERANCE_PX = 1;

interface Rendered {
  readonly environment: string;
  readonly scenario: string;
  readonly widgets: readonly DashboardWidget[];
  readonly page: Page;
  readonly problems: string[];
  readonly drawMs: number;
}

/** The shipped environments, synthesized into the suite's own cdktf.out. */
function synthesizeShipped(outdir: string): { name: string; file: string }[] {
  const r = runApp({ CDKTF_OUTDIR: outdir });
  if (r.status !== 0) throw new Error(r.stderr);
  return synthesizedEnvironments(outdir);
}

/** Each file under `root` with its size and modification time; Terraform's working state (`.terraform/`) left out. */
function fileStamps(root: string): Record<string, string> {
  if (!existsSync(root)) return {};
  const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter(
    (f) => !f.split(/[\\/]/).includes(".terraform") && statSync(join(root, f)).isFile(),
  );
  const stamp = (f: string) => {
    const s = statSync(join(root, f));
    return `${s.size} bytes, modified ${s.mtime.toISOString()}`;
  };
  return Object.fromEntries(files.sort().map((f) => [f, stamp(f)]));
}

describeWithBrowser("dashboard preview in headless Chromium", () => {
  let browser: Browser;
  const rendered = new Map<string, Rendered>();
  const folders = suiteFolders();
  const shipped = synthesizeShipped(folders.outdir);
  const names = shipped.map((e) => e.name);

  beforeAll(async () => {
    mkdirSync(folders.screenshots, { recursive: true });
    browser = await launchChromium();
    for (const env of shipped) {
      const scenario = kindOf(stackUnderReplay(env.file).topology) === "production" ? "public-targets-down" : "steady-day";
      // The page opened is the file the command's line names.
      const [line] = writePreviews(folders.outdir, { environment: env.name, scenario, pagesDir: folders.pages });
      const file = resolve(line!.slice(0, line!.indexOf(": ")));
      rendered.set(
        env.name,
        await open(browser, {
          environment: env.name,
          scenario,
          stackFile: env.file,
          file,
          screenshot: join(folders.screenshots, `${env.name}-${scenario}.png`),
        }),
      );
    }
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(folders.work, { recursive: true, force: true });
  });

  test("every synthesized environment was rendered", () => {
    expect([...rendered.keys()]).toEqual(names);
  });

  test.each(names)("%s: no script error, no console error, no network request", (env) => {
    expect(rendered.get(env)!.problems).toEqual([]);
  });

  test.each(names)("%s: every widget of the body at its grid place and size, with its title", async (env) => {
    const { page, widgets } = rendered.get(env)!;
    const grid = (await page.locator("#grid").boundingBox())!;
    expect(grid.width).toBe(GRID_WIDTH_PX);
    expect(await page.locator("section.widget").count()).toBe(widgets.length);
    for (const w of widgets) {
      const section = page.locator(`section.widget[data-index="${w.index}"]`);
      const box = (await section.boundingBox())!;
      const expected = pixelBox(w.placement);
      const where = `${env} widget ${w.index} (${w.type} "${String(w.properties.title ?? "")}")`;
      const actual = { left: box.x - grid.x, top: box.y - grid.y, width: box.width, height: box.height };
      // The message shows both boxes: which widget, where it is, where it should be.
      const within = (Object.keys(expected) as (keyof typeof expected)[]).every((k) => Math.abs(actual[k] - expected[k]) <= TOLERANCE_PX);
      expect({ where, actual, within }).toEqual({ where, actual, within: true, ...(within ? {} : { expected }) });
      expect(await section.getAttribute("data-type")).toBe(w.type);
      if (w.type === "text") expect((await section.locator(".markdown").innerText()).length).toBeGreaterThan(0);
      else expect(await section.locator(".widget-title").innerText()).toBe(String(w.properties.title ?? ""));
    }
  });

  test.each(names)("%s: every chart drawn inside its box, every widget kind the stack uses rendered", async (env) => {
    const { page, widgets } = rendered.get(env)!;
    const charts = page.locator(".chart");
    expect(await charts.count()).toBeGreaterThan(0);
    expect(await page.locator('.chart[data-drawn="true"] canvas').count()).toBeGreaterThanOrEqual(await charts.count());
    for (const chart of await charts.all()) {
      const card = (await chart.locator("xpath=ancestor::div[@class='card']").boundingBox())!;
      const plot = (await chart.locator(".uplot").boundingBox())!;
      expect(plot.height).toBeGreaterThan(80);
      expect(plot.y + plot.height).toBeLessThanOrEqual(card.y + card.height + TOLERANCE_PX);
    }
    expect(await page.locator('section[data-kind="unrendered"]').count()).toBe(0);
    const kinds = new Set(widgets.map((w) => w.type));
    for (const kind of kinds)
      expect(await page.locator(`section[data-type="${kind}"]`).count()).toBe(widgets.filter((w) => w.type === kind).length);
  });

  test("a paging environment during public-targets-down: the outage on error rate and target health, its alarms in ALARM", async () => {
    const paging = [...rendered.values()].filter((r) => r.scenario === "public-targets-down");
    expect(paging.length).toBeGreaterThan(0);
    for (const { page, environment } of paging) {
      const section = (title: string) => page.locator(`section.widget[data-title="${title}"]`);
      expect(await section("Error Rate (%)").locator(".alarm-spans").innerText()).toContain("error-rate");
      const health = await section("Healthy Targets per Target Group").locator(".alarm-spans").innerText();
      expect(health).toMatch(/target-health-agent \d\d:\d\d–\d\d:\d\d/);
      const inAlarm = await page
        .locator('.tile[data-state="ALARM"]')
        .evaluateAll((tiles) => tiles.map((t) => t.getAttribute("data-alarm")));
      expect(inAlarm).toEqual(
        expect.arrayContaining([`axonflow-${environment}-target-health-agent`, `axonflow-${environment}-error-rate`]),
      );
    }
  });

  test("the repository's cdktf.out is left as it was: no page, screenshot or stack of the user's replaced or added", () => {
    expect(fileStamps(REPO_OUTDIR)).toEqual(repoOutputBefore);
  });

  test("the page draws quickly", () => {
    for (const r of rendered.values())
      console.log(`preview ${r.environment} (${r.scenario}): charts drawn ${Math.round(r.drawMs)} ms after load began`);
    for (const r of rendered.values()) expect(r.drawMs).toBeLessThan(10_000);
  });
});

interface PageToOpen {
  readonly environment: string;
  readonly scenario: string;
  readonly stackFile: string;
  readonly file: string;
  readonly screenshot: string;
}

async function open(browser: Browser, { environment, scenario, stackFile, file, screenshot }: PageToOpen): Promise<Rendered> {
  const page = await browser.newPage({ viewport: { width: GRID_WIDTH_PX + 32, height: 1000 } });
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`script error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  // Self-contained means the file is the only thing the page asks for.
  await page.route("**/*", (route) =>
    route.request().url().startsWith("file://")
      ? route.continue()
      : (() => {
          problems.push(`network request: ${route.request().url()}`);
          return route.abort();
        })(),
  );
  const started = Date.now();
  await page.goto(`file://${file}`);
  await page.waitForFunction(() => document.body.dataset.chartsDrawn !== undefined, undefined, { timeout: 30_000 });
  const drawMs = Date.now() - started;
  await page.screenshot({ path: screenshot, fullPage: true });
  return { environment, scenario, widgets: dashboardFromStack(readStackJson(stackFile)).widgets, page, problems, drawMs };
}
