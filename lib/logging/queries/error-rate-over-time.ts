import { pipeline, type SavedQuery } from "./saved-query";

export const errorRateOverTime: SavedQuery = {
  id: "error-rate-over-time",
  title: "Error Rate Over Time",
  // Logs Insights has no `case … end`, and comparisons are allowed only in `filter` and as function
  // arguments; strcontains() is documented to return 1 or 0, which stats can sum. `display` only picks
  // fields (no arithmetic); a stats expression may combine earlier aliases, as in AWS's own Lambda sample
  // (`provisonedMemoryMB - maxMemoryUsedMB as overProvisionedMB`).
  text: () =>
    pipeline(
      'filter level = "error" or level = "info"',
      'fields strcontains(level, "error") as is_error',
      "stats count(*) as total, sum(is_error) as errors, errors * 100 / total as error_rate_pct by bin(5m) as period",
      "sort period desc",
    ),
};
