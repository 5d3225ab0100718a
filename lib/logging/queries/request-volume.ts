import { anyPhraseRegex, TEXT_MARKERS } from "../formats/text-markers";
import { pipeline, type SavedQuery } from "./saved-query";

// No @timestamp after stats: sort by the aliased time bin.
const hourly = "stats count(*) as request_count by bin(1h) as period";
/** Text: the agent's one line per incoming request; services without such a line count none. */
const textVolume = () => pipeline(`filter @message like ${anyPhraseRegex(TEXT_MARKERS.request)}`, hourly, "sort period desc");

export const requestVolume: SavedQuery = {
  id: "request-volume",
  title: "Request Volume",
  text: {
    text: textVolume,
    "axonflow-json": textVolume,
    // The guide writes one line per request.
    "guide-json": () => pipeline(hourly, "sort period desc"),
  },
};
