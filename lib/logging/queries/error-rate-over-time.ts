import { anyPhraseCapture, TEXT_MARKERS } from "../formats/text-markers";
import { pipeline, type SavedQuery } from "./saved-query";

/** Text lines have no level: the error share is of all lines, an error line being one the error filter counts. */
const textErrorShare = () =>
  pipeline(
    `parse @message ${anyPhraseCapture("error_marker", TEXT_MARKERS.error)}`,
    "stats count(*) as total, count(error_marker) as errors, errors * 100 / total as error_rate_pct by bin(5m) as period",
    "sort period desc",
  );

export const errorRateOverTime: SavedQuery = {
  id: "error-rate-over-time",
  title: "Error Rate Over Time",
  text: {
    text: textErrorShare,
    "axonflow-json": textErrorShare,
    // Logs Insights has no `case … end`, and comparisons are allowed only in `filter` and as function
    // arguments; strcontains() is documented to return 1 or 0, which stats can sum. `display` only picks
    // fields (no arithmetic); a stats expression may combine earlier aliases, as in AWS's own Lambda sample
    // (`provisonedMemoryMB - maxMemoryUsedMB as overProvisionedMB`).
    "guide-json": () =>
      pipeline(
        'filter level = "error" or level = "info"',
        'fields strcontains(level, "error") as is_error',
        "stats count(*) as total, sum(is_error) as errors, errors * 100 / total as error_rate_pct by bin(5m) as period",
        "sort period desc",
      ),
  },
};
