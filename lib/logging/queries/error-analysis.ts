import { anyPhraseRegex, TEXT_MARKERS } from "../formats/text-markers";
import { parseJsonString } from "./axonflow-json-fields";
import { pipeline, type SavedQuery } from "./saved-query";

const errorLines = `filter @message like ${anyPhraseRegex(TEXT_MARKERS.error)}`;

export const errorAnalysis: SavedQuery = {
  id: "error-analysis",
  title: "Error Analysis",
  text: {
    text: () => pipeline("fields @timestamp, @log, @message", errorLines, "sort @timestamp desc", "limit 100"),
    "axonflow-json": () =>
      pipeline(
        parseJsonString("component"),
        parseJsonString("request_id"),
        errorLines,
        "fields @timestamp, @log, component, request_id, @message",
        "sort @timestamp desc",
        "limit 100",
      ),
    "guide-json": () =>
      pipeline("fields @timestamp, @message, level, service, error_message", 'filter level = "error"', "sort @timestamp desc", "limit 100"),
  },
};
