import { GRID_WIDTH, type WidgetJson } from "../../lib/dashboard/grid";
import { resourceWhere, type TerraformJson } from "./synth";

export type Props = Record<string, unknown> & {
  title?: string;
  metrics?: unknown[][];
  query?: string;
  alarms?: string[];
  markdown?: string;
};

/** The environment's dashboard body, parsed as CloudWatch will read it (after Terraform un-escapes `$${`). */
export function dashboardBody(tf: TerraformJson, env: string): { widgets: WidgetJson[] } {
  const resource = resourceWhere(tf, "aws_cloudwatch_dashboard", "dashboard_name", `AxonFlow-${env}`);
  return JSON.parse((resource.dashboard_body as string).replace(/\$\$\{/g, "${")) as { widgets: WidgetJson[] };
}

export const propsOf = (w: WidgetJson) => w.properties as Props;

/** The log groups a log widget's query reads: its leading `SOURCE '<name>' |` clauses. */
export function sourcesOf(query: string): string[] {
  const sources: string[] = [];
  let rest = query;
  for (let m = /^SOURCE '([^']+)' \| /.exec(rest); m; m = /^SOURCE '([^']+)' \| /.exec(rest)) {
    sources.push(m[1]);
    rest = rest.slice(m[0].length);
  }
  return sources;
}

/** Fails unless every widget is inside the 24-column grid and no two share a cell. */
export function expectNoOverlap(widgets: readonly WidgetJson[]): void {
  for (const w of widgets) {
    expect(w.x).toBeGreaterThanOrEqual(0);
    expect(w.x + w.width).toBeLessThanOrEqual(GRID_WIDTH);
  }
  for (let i = 0; i < widgets.length; i++) {
    for (let j = i + 1; j < widgets.length; j++) {
      const [a, b] = [widgets[i], widgets[j]];
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      expect({ a: [a.x, a.y], b: [b.x, b.y], apart }).toEqual({ a: [a.x, a.y], b: [b.x, b.y], apart: true });
    }
  }
}

/**
 * One entry of a metric widget's `metrics` array in the documented form: `[namespace, name, (dimName,
 * dimValue)…, {options}?]` with strings only, or `[{expression, id, …}]`.
 */
export function expectDocumentedMetricEntry(entry: unknown[]): void {
  if (entry.length === 1 && typeof entry[0] === "object") {
    expect(entry[0]).toEqual(
      expect.objectContaining({ expression: expect.any(String), id: expect.stringMatching(/^[a-z][a-zA-Z0-9_]*$/) }),
    );
    return;
  }
  const last = entry.at(-1);
  const names = typeof last === "object" ? entry.slice(0, -1) : entry;
  for (const part of names) expect(typeof part).toBe("string");
  expect(names.length % 2).toBe(0); // namespace + name, then key/value pairs
  expect(names).not.toContain(".");
  expect(names).not.toContain("...");
}
