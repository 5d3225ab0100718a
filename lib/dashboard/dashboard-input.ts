import type { LogFormat } from "../config/log-formats";
import type { PrometheusConfig } from "../config/prometheus-schema";
import type { EnvContext } from "../context";
import type { QueryParams } from "../logging/queries/saved-query";

/** A service as the dashboard sees it: where it logs and, if it runs on ECS, its service name. */
export interface DashboardService {
  readonly name: string;
  readonly logGroupName: string;
  readonly logFormat: LogFormat;
  readonly ecsServiceName?: string;
  readonly targetGroupArnSuffix?: string;
}

/**
 * Everything the dashboard "template" needs: the environment (name, region, account) and its resources.
 * All plain strings from config, so the rendered body is literal JSON.
 */
export interface DashboardInput {
  readonly env: EnvContext;
  readonly albArnSuffix: string;
  readonly ecsClusterName: string;
  readonly services: readonly DashboardService[];
  /** Every alarm of the environment (metric and composite), by name. */
  readonly alarmNames: readonly string[];
  /** The runbook of an alarm kind (or "page" for the paging overview). */
  readonly runbookUrl: (kind: string) => string;
  /** For the log widgets' query text (shared with the saved queries). */
  readonly queryParams: QueryParams;
  /** The Prometheus bridge, where AxonFlow's own series are mirrored. */
  readonly prometheus?: PrometheusConfig;
}
