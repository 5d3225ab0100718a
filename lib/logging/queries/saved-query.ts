import type { LogFormat } from "../../config/log-formats";

/**
 * A saved CloudWatch Logs Insights query of the guide's "Log Insights Queries" section. The text lives in
 * one file per query (this folder), one text per log format that can answer it; lib/logging/queries/query-plan.ts
 * turns each into aws_cloudwatch_query_definition resources named `AxonFlow/<env>/<title>`, scoped to the log
 * groups of the services writing that format.
 */
export interface QueryParams {
  /** The p95 latency alarm's threshold (config alarms.highLatency.thresholdSeconds), in seconds. */
  readonly latencyThresholdSeconds: number;
}

export type QueryText = (params: QueryParams) => string;

export interface SavedQuery {
  /** Stable, lowercase construct id; never the title, which people may reword. */
  readonly id: string;
  /** The name under the environment's folder in the console (`AxonFlow/<env>/<title>`). */
  readonly title: string;
  /** The query per log format. A format left out cannot answer it: its lines lack the fields. */
  readonly text: Readonly<Partial<Record<LogFormat, QueryText>>>;
  /** Why the formats left out cannot answer it (HANDOFF lists it for their services). */
  readonly unanswerable?: string;
}

/** One command per line, as the console shows it. */
export const pipeline = (...commands: string[]): string => commands.join("\n| ");
