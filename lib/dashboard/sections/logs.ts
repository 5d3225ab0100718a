import { errorAnalysis } from "../../logging/queries/error-analysis";
import { latencyPercentilesByModel } from "../../logging/queries/latency-percentiles-by-model";
import { policyBlocksByType } from "../../logging/queries/policy-blocks-by-type";
import type { SavedQuery } from "../../logging/queries/saved-query";
import type { DashboardInput } from "../dashboard-input";
import { FULL, HALF, Row } from "../grid";
import { LogWidget } from "../widgets/log-widget";

/** The dashboard's log widgets run the same query text as the saved queries, so the two cannot drift apart. */
export const DASHBOARD_QUERIES = [errorAnalysis, latencyPercentilesByModel, policyBlocksByType] as const;

/** Logs Insights results over every service log group of the environment. */
export function logRows({ env, services, queryParams }: DashboardInput): Row[] {
  const logGroupNames = services.map((s) => s.logGroupName);
  const widget = (q: SavedQuery, width: number, height = 6) =>
    new LogWidget({ title: q.title, region: env.region, logGroupNames, query: q.text(queryParams), width, height });
  return [new Row(widget(errorAnalysis, FULL, 8)), new Row(widget(latencyPercentilesByModel, HALF), widget(policyBlocksByType, HALF))];
}
