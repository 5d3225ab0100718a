import type { DashboardInput } from "../dashboard-input";
import { FULL, HALF, Row } from "../grid";
import { ERROR_ANALYSIS, LATENCY_PERCENTILES_BY_MODEL, POLICY_BLOCKS_BY_TYPE, type DashboardQuery } from "../log-queries";
import { LogWidget } from "../widgets/log-widget";

/** Logs Insights results over every service log group of the environment. */
export function logRows({ env, services }: DashboardInput): Row[] {
  const logGroupNames = services.map((s) => s.logGroupName);
  const widget = (q: DashboardQuery, width: number) =>
    new LogWidget({ title: q.title, region: env.region, logGroupNames, query: q.query, width, height: q === ERROR_ANALYSIS ? 8 : 6 });
  return [new Row(widget(ERROR_ANALYSIS, FULL)), new Row(widget(LATENCY_PERCENTILES_BY_MODEL, HALF), widget(POLICY_BLOCKS_BY_TYPE, HALF))];
}
