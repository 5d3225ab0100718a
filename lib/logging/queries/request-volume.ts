import { pipeline, type SavedQuery } from "./saved-query";

export const requestVolume: SavedQuery = {
  id: "request-volume",
  title: "Request Volume",
  // No @timestamp after stats: sort by the aliased time bin.
  text: () => pipeline("stats count(*) as request_count by bin(1h) as period", "sort period desc"),
};
