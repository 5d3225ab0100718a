/**
 * A saved CloudWatch Logs Insights query of the guide's "Log Insights Queries" section. The text lives in
 * one file per query (this folder); lib/logging/saved-queries.ts turns each into an
 * aws_cloudwatch_query_definition named `AxonFlow/<env>/<title>` and scoped to the environment's log groups.
 */
export interface QueryParams {
  /** The p95 latency alarm's threshold (config alarms.highLatency.thresholdSeconds), in seconds. */
  readonly latencyThresholdSeconds: number;
}

export interface SavedQuery {
  /** Stable, lowercase construct id; never the title, which people may reword. */
  readonly id: string;
  /** The name under the environment's folder in the console (`AxonFlow/<env>/<title>`). */
  readonly title: string;
  readonly text: (params: QueryParams) => string;
}

/** One command per line, as the console shows it. */
export const pipeline = (...commands: string[]): string => commands.join("\n| ");
