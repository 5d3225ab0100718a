import { pixelBox } from "../grid-geometry";
import type { AlarmStatusView, ChartView, LogView, SingleValueView, WidgetView } from "../widget-view";
import { clockUtc, escapeHtml } from "./html-escape";

/**
 * One widget's box: absolutely placed at its grid position (grid-geometry.ts), with data-* attributes that say what
 * it is, so the browser test can find every widget of the body by index and check its place and title.
 */
export function widgetHtml(view: WidgetView): string {
  const box = pixelBox(view.placement);
  const style = `left:${box.left}px;top:${box.top}px;width:${box.width}px;height:${box.height}px`;
  const p = view.placement;
  const attributes =
    `data-index="${view.index}" data-type="${escapeHtml(view.type)}" data-kind="${view.kind}" ` +
    `data-title="${escapeHtml(view.title)}" data-grid="${p.x},${p.y},${p.width},${p.height}"`;
  const title =
    view.kind === "text" ? "" : `<h2 class="widget-title" title="${escapeHtml(view.title)}">${escapeHtml(view.title) || "&nbsp;"}</h2>`;
  const notes = view.notes.length === 0 ? "" : `<ul class="notes">${view.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join("")}</ul>`;
  const transparent = view.kind === "text" && view.transparent ? " transparent" : "";
  return (
    `<section class="widget kind-${view.kind}${transparent}" ${attributes} ` +
    `style="${style}"><div class="card">${title}${body(view)}${notes}</div></section>`
  );
}

function body(view: WidgetView): string {
  switch (view.kind) {
    case "chart":
      return chartHtml(view);
    case "single-value":
      return singleValueHtml(view);
    case "alarm-status":
      return alarmStatusHtml(view);
    case "text":
      return `<div class="markdown">${view.html}</div>`;
    case "log":
      return logHtml(view);
    case "unrendered":
      return (
        `<div class="unrendered"><p class="unrendered-type">${escapeHtml(view.type)} widget</p><p ` +
        `class="unrendered-reason">not rendered: ${escapeHtml(view.reason)}</p></div>`
      );
  }
}

function chartHtml(view: ChartView): string {
  const byAlarm = new Map<string, string[]>();
  for (const s of view.chart.alarmSpans)
    byAlarm.set(s.alarmName, [...(byAlarm.get(s.alarmName) ?? []), `${clockUtc(s.from)}–${clockUtc(s.until)}`]);
  const spans = [...byAlarm]
    .map(([name, times]) => `<li data-alarm="${escapeHtml(name)}">${escapeHtml(name)} ${times.join(", ")}</li>`)
    .join("");
  const all = [...byAlarm].map(([name, times]) => `${name} ${times.join(", ")}`).join("; ");
  const chart = `<div class="chart" data-chart="${view.index}"></div>`;
  if (spans === "") return chart;
  return `${chart}<ul class="alarm-spans" title="${escapeHtml(`in ALARM: ${all}`)}"><li class="lead">in ALARM:</li>${spans}</ul>`;
}

function singleValueHtml(view: SingleValueView): string {
  const values = view.values.map(
    (v) =>
      `<div class="single-value"><span class="value" ` +
      `style="color:${escapeHtml(v.color)}">${escapeHtml(v.text)}</span><span class="label">${escapeHtml(v.label)}</span></div>`,
  );
  return `<div class="single-values">${values.join("") || '<p class="empty">no line to show</p>'}</div>`;
}

function alarmStatusHtml(view: AlarmStatusView): string {
  const tiles = view.tiles.map((t) => {
    const since = t.since === undefined ? "" : ` since ${clockUtc(t.since)}`;
    return (
      `<li class="tile state-${t.state}" data-alarm="${escapeHtml(t.alarmName)}" ` +
      `data-state="${t.state}" ` +
      `title="${escapeHtml(`${t.alarmName}: ${t.state}${since}`)}"><span ` +
      `class="state">${t.state === "INSUFFICIENT_DATA" ? "INSUFFICIENT" : t.state}</span><span class="name">${escapeHtml(t.alarmName)}</span></li>`
    );
  });
  return `<ul class="tiles">${tiles.join("")}</ul>`;
}

function logHtml(view: LogView): string {
  const groups = `<p class="log-groups">${view.logGroups.map((g) => `<code>${escapeHtml(g)}</code>`).join(" ")}</p>`;
  const query = `<pre class="query">${escapeHtml(view.query)}</pre>`;
  if (!view.table) return `${groups}${query}<p class="not-evaluated">query not evaluated offline: text only</p>`;
  const t = view.table;
  const repeated = t.repeats.some((r) => r > 1);
  const head = `<tr>${t.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}${repeated ? '<th title="identical lines shown once">lines</th>' : ""}</tr>`;
  const rows = t.rows.map(
    (r, i) =>
      `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}${repeated ? `<td class="repeats">× ${t.repeats[i]}</td>` : ""}</tr>`,
  );
  const summary = `<p class="log-summary">${t.matchedLines} matching lines${rows.length === 0 ? "; no rows" : ""}</p>`;
  const table = `<div class="log-table"><table><thead>${head}</thead><tbody>${rows.join("")}</tbody></table></div>`;
  return `${groups}<details class="query-text"><summary>query</summary>${query}</details>${summary}${table}`;
}
