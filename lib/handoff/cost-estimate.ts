import type { StackInventory } from "../inventory/stack-inventory";
import type { CloudWatchPriceTable } from "./cloudwatch-prices";

export interface CostLine {
  readonly item: string;
  readonly quantity: number;
  /** What one unit is, e.g. "alarm metric". */
  readonly unit: string;
  readonly unitPrice: number;
  readonly monthly: number;
  /** Why the quantity is what it is, where that is not obvious. */
  readonly note?: string;
}

export interface CostEstimate {
  readonly lines: readonly CostLine[];
  readonly monthlyTotal: number;
}

/**
 * Monthly CloudWatch cost of what the stack creates, before the account-wide free tier. Usage-driven charges
 * (log ingestion and storage, Logs Insights scans, API requests, SNS deliveries) depend on traffic, not on
 * this stack's resources, and are left out.
 */
export function estimateMonthlyCost(inv: StackInventory, prices: CloudWatchPriceTable): CostEstimate {
  let standard = 0;
  let highResolution = 0;
  let anomalyStandard = 0;
  let anomalyHighResolution = 0;
  let composite = 0;
  for (const { billing } of inv.alarms) {
    if (billing.kind === "standard") standard += billing.alarmMetrics;
    else if (billing.kind === "high-resolution") highResolution += billing.alarmMetrics;
    else if (billing.kind === "anomaly-detection") {
      if (billing.highResolution) anomalyHighResolution += billing.alarmMetrics;
      else anomalyStandard += billing.alarmMetrics;
    } else composite += 1;
  }
  const anomalyAlarms = inv.alarms.filter((a) => a.billing.kind === "anomaly-detection").length;

  // One custom metric per distinct namespace + name; a filter with dimensions publishes one per distinct
  // dimension value, which only traffic decides: counted once here, so the line is a lower bound.
  const customMetrics = new Map<string, boolean>();
  for (const f of inv.metricFilters) {
    const key = `${f.namespace}\u0000${f.metricName}`;
    customMetrics.set(key, (customMetrics.get(key) ?? false) || f.dimensions.length > 0);
  }
  const dimensioned = [...customMetrics.values()].filter(Boolean).length;
  const billableDashboards = Math.max(0, inv.dashboards.length - prices.freeDashboards);

  const lines: CostLine[] = [];
  const add = (item: string, quantity: number, unit: string, unitPrice: number, note?: string, evenIfNone = false) => {
    if (quantity > 0 || evenIfNone)
      lines.push({ item, quantity, unit, unitPrice, monthly: round(quantity * unitPrice), ...(note && { note }) });
  };
  add(
    "Standard-resolution metric alarms",
    standard,
    "alarm metric",
    prices.standardAlarmMetric,
    "a metric-math alarm counts each metric it reads",
  );
  add("High-resolution metric alarms", highResolution, "alarm metric", prices.highResolutionAlarmMetric);
  add(
    "Anomaly-detection alarms",
    anomalyStandard,
    "alarm metric",
    prices.standardAlarmMetric,
    `${anomalyAlarms} alarm(s) × ${prices.anomalyDetectionAlarmMetrics} alarm metrics (metric, upper and lower band)`,
  );
  add("Anomaly-detection alarms (high resolution)", anomalyHighResolution, "alarm metric", prices.highResolutionAlarmMetric);
  add("Composite alarms", composite, "alarm", prices.compositeAlarm);
  add(
    "Dashboards",
    billableDashboards,
    "dashboard",
    prices.dashboard,
    `${inv.dashboards.length} in this stack; the first ${prices.freeDashboards} per account are free, if no other dashboard uses them`,
    inv.dashboards.length > 0,
  );
  add(
    "Custom metrics from log metric filters",
    customMetrics.size,
    "metric",
    prices.customMetric,
    dimensioned > 0 ? `${dimensioned} of them have dimensions: one metric per distinct value, so this is a lower bound` : undefined,
  );
  const mirrored = inv.prometheusBridge?.series ?? [];
  add(
    "Custom metrics mirrored from Prometheus",
    mirrored.reduce((n, s) => n + s.metrics, 0),
    "metric",
    prices.customMetric,
    "one per combination of dimension values AxonFlow writes (llmCalls: per provider listed, plus mock and unknown)",
  );
  return { lines, monthlyTotal: round(lines.reduce((sum, l) => sum + l.monthly, 0)) };
}

// Cents, without binary-fraction noise (0.1 × 3 = 0.30000000000000004).
const round = (usd: number) => Math.round(usd * 100) / 100;
