import { readFileSync } from "node:fs";
import type { Preview } from "../build-preview";
import { gridHeightPx } from "../grid-geometry";
import type { ChartData } from "../widget-view";
import { clientBundle } from "./client-bundle";
import { clockUtc, escapeHtml, scriptJson } from "./html-escape";
import { PAGE_STYLE } from "./page-style";
import { widgetHtml } from "./widget-html";

/**
 * The preview as one self-contained HTML page: styles, the chart data and the bundled chart script are inline, so it
 * opens offline from a file. Deterministic: built only from the preview (no clock, no random ids), so the same stack
 * and scenario give the same bytes.
 */
export function renderPage(preview: Preview): string {
  const charts: Record<string, ChartData> = {};
  for (const v of preview.views) if (v.kind === "chart") charts[String(v.index)] = v.chart;
  const incident = preview.incidentStart === undefined ? "" : ` · incident at ${clockUtc(preview.incidentStart)}`;
  const day = new Date(preview.start * 1000).toISOString().slice(0, 10);
  const header = [
    `<h1>${escapeHtml(preview.dashboardName)} <small>(${escapeHtml(preview.environment)})</small></h1>`,
    `<p><span class="badge">offline preview</span>replayed scenario ` +
      `<b>${escapeHtml(preview.scenario.name)}</b>: ${escapeHtml(preview.scenario.description)}</p>`,
    `<p>Graphs: ${day} ${clockUtc(preview.start)}–${clockUtc(preview.end)} UTC${incident}. Alarm states, ` +
      `single values and log tables at <b>${clockUtc(preview.at)} UTC</b> (minute ${preview.atMinute}; ` +
      `dotted line on the graphs). Red shading: an alarm on the graph's metrics in ALARM; dashed red: its ` +
      `threshold${preview.alarmPrefix ? ` (alarm names without their common prefix <code>${escapeHtml(preview.alarmPrefix)}</code>)` : ""}. ` +
      `≈ marks what the preview approximates.</p>`,
  ].join("");
  const height = gridHeightPx(preview.views.map((v) => v.placement));
  return [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(preview.dashboardName)} — ${escapeHtml(preview.scenario.name)} (preview)</title>`,
    `<style>${uplotStyle()}${PAGE_STYLE}</style></head>`,
    `<body><header class="preview">${header}</header>`,
    `<main id="grid" style="height:${height}px">${preview.views.map(widgetHtml).join("")}</main>`,
    `<script type="application/json" id="preview-charts">${scriptJson(charts)}</script>`,
    `<script>${clientBundle()}</script>`,
    "</body></html>",
    "",
  ].join("\n");
}

let style: string | undefined;
function uplotStyle(): string {
  style ??= readFileSync(require.resolve("uplot/dist/uPlot.min.css"), "utf8").trim();
  return style;
}
