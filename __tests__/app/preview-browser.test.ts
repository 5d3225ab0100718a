import { existsSync } from "node:fs";
import { join } from "node:path";
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
 * The page as reviewers get it, opened in a real browser: `npm run synth`'s cdktf.out (made here the same way when
 * missing), each environment's preview written where `npm run preview` writes it, opened from the file with every
 * network request refused, screenshot kept beside it (cdktf.out/stacks/<env>/dashboard.png). A paging environment
 * gets the incident of the acceptance (public-targets-down); the others a steady day.
 */
const OUTDIR = join(ROOT, "cdktf.out");
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

/** The synthesized environments; without a cdktf.out, synthesized first, as `npm run synth` does. */
function environments(): { name: string; file: string }[] {
  if (!existsSync(join(OUTDIR, "manifest.json"))) {
    const r = runApp({ CDKTF_OUTDIR: OUTDIR });
    if (r.status !== 0) throw new Error(r.stderr);
  }
  return synthesizedEnvironments(OUTDIR);
}

describeWithBrowser("dashboard preview in headless Chromium", () => {
  let browser: Browser;
  const rendered = new Map<string, Rendered>();
  const names = environments().map((e) => e.name);

  beforeAll(async () => {
    browser = await launchChromium();
    for (const env of environments()) {
      const scenario = kindOf(stackUnderReplay(env.file).topology) === "production" ? "public-targets-down" : "steady-day";
      writePreviews(OUTDIR, { environment: env.name, scenario });
      rendered.set(env.name, await open(browser, env.name, scenario, env.file));
    }
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
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
    for (const kind of kinds) expect(await page.locator(`section[data-type="${kind}"]`).count()).toBe(widgets.filter((w) => w.type === kind).length);
  });

  test("a paging environment during public-targets-down: the outage on error rate and target health, its alarms in ALARM", async () => {
    const paging = [...rendered.values()].filter((r) => r.scenario === "public-targets-down");
    expect(paging.length).toBeGreaterThan(0);
    for (const { page, environment } of paging) {
      const section = (title: string) => page.locator(`section.widget[data-title="${title}"]`);
      expect(await section("Error Rate (%)").locator(".alarm-spans").innerText()).toContain("error-rate");
      const health = await section("Healthy Targets per Target Group").locator(".alarm-spans").innerText();
      expect(health).toMatch(/target-health-agent \d\d:\d\d–\d\d:\d\d/);
      const inAlarm = await page.locator('.tile[data-state="ALARM"]').evaluateAll((tiles) => tiles.map((t) => t.getAttribute("data-alarm")));
      expect(inAlarm).toEqual(expect.arrayContaining([`axonflow-${environment}-target-health-agent`, `axonflow-${environment}-error-rate`]));
    }
  });

  test("the page draws quickly", () => {
    for (const r of rendered.values()) console.log(`preview ${r.environment} (${r.scenario}): charts drawn ${Math.round(r.drawMs)} ms after load began`);
    for (const r of rendered.values()) expect(r.drawMs).toBeLessThan(10_000);
  });
});

async function open(browser: Browser, environment: string, scenario: string, stackFile: string): Promise<Rendered> {
  const file = join(OUTDIR, "stacks", environment, "dashboard.html");
  const page = await browser.newPage({ viewport: { width: GRID_WIDTH_PX + 32, height: 1000 } });
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`script error: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && problems.push(`console error: ${m.text()}`));
  // Self-contained means the file is the only thing the page asks for.
  await page.route("**/*", (route) => (route.request().url().startsWith("file://") ? route.continue() : (problems.push(`network request: ${route.request().url()}`), route.abort())));
  const started = Date.now();
  await page.goto(`file://${file}`);
  await page.waitForFunction(() => document.body.dataset.chartsDrawn !== undefined, undefined, { timeout: 30_000 });
  const drawMs = Date.now() - started;
  await page.screenshot({ path: join(OUTDIR, "stacks", environment, "dashboard.png"), fullPage: true });
  return { environment, scenario, widgets: dashboardFromStack(readStackJson(stackFile)).widgets, page, problems, drawMs };
}
