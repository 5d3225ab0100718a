/**
 * The Logs Insights queries the dashboard's log widgets run, as the guide writes them.
 *
 * Interim home: lib/logging/queries/ (the guide's nine saved queries) is being built in parallel. When it
 * lands, these three should be read from there so the saved queries and the dashboard cannot drift apart;
 * until then this is the only place the dashboard takes query text from.
 */
export interface DashboardQuery {
  readonly title: string;
  /** Query text without SOURCE: the log widget adds one SOURCE per log group. */
  readonly query: string;
}

export const ERROR_ANALYSIS: DashboardQuery = {
  title: "Error Analysis",
  query: `fields @timestamp, @message, level, service, error_message
| filter level = "error"
| sort @timestamp desc
| limit 100`,
};

export const LATENCY_PERCENTILES_BY_MODEL: DashboardQuery = {
  title: "Latency Percentiles by Model",
  query: `filter ispresent(latency_ms) and ispresent(model)
| stats percentile(latency_ms, 50) as p50,
    percentile(latency_ms, 90) as p90,
    percentile(latency_ms, 95) as p95,
    percentile(latency_ms, 99) as p99,
    count(*) as requests
  by model
| sort p95 desc`,
};

export const POLICY_BLOCKS_BY_TYPE: DashboardQuery = {
  title: "Policy Blocks by Type",
  query: `fields @timestamp, policy_id, blocked_reason
| filter blocked = true
| stats count(*) as block_count by policy_id
| sort block_count desc`,
};
