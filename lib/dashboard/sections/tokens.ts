import { FILTER_PATTERNS } from "../../logging/formats/filter-patterns";
import { axonflowMetrics } from "../../metrics/axonflow-metrics";
import { searchExpression } from "../../metrics/search-expression";
import type { DashboardInput } from "../dashboard-input";
import { Row } from "../grid";
import { MetricWidget } from "../widgets/metric-widget";

/**
 * Token usage by model, from the TokensUsed metric the log metric filters publish with a Model dimension.
 * Models are only known at run time, so a SEARCH finds every Model series (SEARCH sees series that
 * reported within the last two weeks, which is what a live dashboard wants).
 */
export function tokenRows({ env, services }: DashboardInput): Row[] {
  // Only formats whose lines carry tokens have a TokensUsed filter; elsewhere the widgets would stay empty.
  if (!services.some((s) => FILTER_PATTERNS[s.logFormat].tokensUsed !== undefined)) return [];
  const tokens = axonflowMetrics(env.naming.metricNamespace).tokensUsedByModel;
  return [
    new Row(
      new MetricWidget({
        title: "Tokens Used by Model",
        region: env.region,
        width: 16,
        stacked: true,
        lines: [{ expression: searchExpression(tokens, "Sum", 300), id: "byModel" }],
      }),
      new MetricWidget({
        title: "Tokens Used, Last Hour",
        region: env.region,
        width: 8,
        view: "singleValue",
        periodSeconds: 3600,
        lines: [
          { expression: searchExpression(tokens, "Sum", 3600), id: "perModel", visible: false },
          { expression: "SUM(perModel)", id: "total", label: "All models" },
        ],
      }),
    ),
  ];
}
