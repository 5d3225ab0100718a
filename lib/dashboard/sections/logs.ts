import { errorAnalysis } from "../../logging/queries/error-analysis";
import { latencyPercentilesByModel } from "../../logging/queries/latency-percentiles-by-model";
import { policyBlocksByType } from "../../logging/queries/policy-blocks-by-type";
import { planQueries } from "../../logging/queries/query-plan";
import type { DashboardInput } from "../dashboard-input";
import { FULL, HALF, Row } from "../grid";
import { LogWidget } from "../widgets/log-widget";

/** The dashboard's log widgets run the same query text as the saved queries, so the two cannot drift apart. */
export const DASHBOARD_QUERIES = [errorAnalysis, latencyPercentilesByModel, policyBlocksByType] as const;

/**
 * Logs Insights results, one widget per query and log format the services write: error lines full width, the
 * others side by side. A query no format can answer has no widget.
 */
export function logRows({ env, services, queryParams }: DashboardInput): Row[] {
  const plan = (q: (typeof DASHBOARD_QUERIES)[number]) => planQueries([q], services, queryParams).planned;
  const widget = (q: { title: string; text: string; logGroupNames: readonly string[] }, width: number, height = 6) =>
    new LogWidget({ title: q.title, region: env.region, logGroupNames: [...q.logGroupNames], query: q.text, width, height });
  const rows = plan(errorAnalysis).map((q) => new Row(widget(q, FULL, 8)));
  const halves = [...plan(latencyPercentilesByModel), ...plan(policyBlocksByType)];
  for (let i = 0; i < halves.length; i += 2) {
    const pair = halves.slice(i, i + 2);
    rows.push(new Row(...pair.map((q) => widget(q, pair.length === 2 ? HALF : FULL))));
  }
  return rows;
}
