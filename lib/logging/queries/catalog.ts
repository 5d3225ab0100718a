import { errorAnalysis } from "./error-analysis";
import { errorRateOverTime } from "./error-rate-over-time";
import { latencyDistribution } from "./latency-distribution";
import { latencyPercentilesByModel } from "./latency-percentiles-by-model";
import { policyBlocksByType } from "./policy-blocks-by-type";
import { policyViolationsByTypeAndSeverity } from "./policy-violations-by-type-and-severity";
import type { SavedQuery } from "./saved-query";
import { slowRequests } from "./slow-requests";
import { requestVolume } from "./request-volume";
import { tokenUsageByOrganization } from "./token-usage-by-organization";

/** Every saved query, in the guide's order. Add a query: one file in this folder, one line here. */
export const QUERY_CATALOG: readonly SavedQuery[] = [
  errorAnalysis,
  latencyDistribution,
  policyBlocksByType,
  tokenUsageByOrganization,
  requestVolume,
  errorRateOverTime,
  latencyPercentilesByModel,
  policyViolationsByTypeAndSeverity,
  slowRequests,
];
