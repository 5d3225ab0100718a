/**
 * The CloudWatch unit prices the handoff document's cost estimate uses: the one place to update them.
 * Source: https://aws.amazon.com/cloudwatch/pricing/ (paid tier, US East (N. Virginia)); prices vary by region.
 * Free tier (per account, all regions together, not subtracted here): 10 standard alarm metrics,
 * 10 custom metrics, 3 custom dashboards of up to 50 metrics each.
 */
export interface CloudWatchPriceTable {
  /** When these prices were last compared with the source. */
  readonly checked: string;
  readonly source: string;
  readonly pricingRegion: string;
  readonly pricingRegionCode: string;
  readonly currency: "USD";
  /** Per alarm metric per month, period ≥ 60 s. */
  readonly standardAlarmMetric: number;
  /** Per alarm metric per month, period 10/20/30 s. */
  readonly highResolutionAlarmMetric: number;
  /** An anomaly-detection alarm counts as this many alarm metrics: the metric and the band's upper and lower bound. */
  readonly anomalyDetectionAlarmMetrics: number;
  /** Per composite alarm per month. */
  readonly compositeAlarm: number;
  /** Per custom dashboard per month, beyond the free ones. */
  readonly dashboard: number;
  readonly freeDashboards: number;
  /** Per custom metric per month, first 10,000 metrics (a log metric filter publishes custom metrics). */
  readonly customMetric: number;
}

export const CLOUDWATCH_PRICES: CloudWatchPriceTable = {
  checked: "2026-11-24",
  source: "https://aws.amazon.com/cloudwatch/pricing/",
  pricingRegion: "US East (N. Virginia)",
  pricingRegionCode: "us-east-1",
  currency: "USD",
  standardAlarmMetric: 0.1,
  highResolutionAlarmMetric: 0.3,
  anomalyDetectionAlarmMetrics: 3,
  compositeAlarm: 0.5,
  dashboard: 3.0,
  freeDashboards: 3,
  customMetric: 0.3,
};
