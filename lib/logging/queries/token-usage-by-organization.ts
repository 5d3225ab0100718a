import { pipeline, type SavedQuery } from "./saved-query";

export const tokenUsageByOrganization: SavedQuery = {
  id: "token-usage-by-organization",
  title: "Token Usage by Organization",
  text: {
    "guide-json": () =>
      pipeline(
        "fields @timestamp, organization_id, tokens_used",
        "stats sum(tokens_used) as total_tokens by organization_id",
        "sort total_tokens desc",
      ),
  },
  unanswerable: "AxonFlow's own lines (text and its shared logger) carry no token counts",
};
