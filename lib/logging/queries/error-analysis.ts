import { pipeline, type SavedQuery } from "./saved-query";

export const errorAnalysis: SavedQuery = {
  id: "error-analysis",
  title: "Error Analysis",
  text: () =>
    pipeline(
      "fields @timestamp, @message, level, service, error_message",
      'filter level = "error"',
      "sort @timestamp desc",
      "limit 100",
    ),
};
