import { pipeline, type SavedQuery } from "./saved-query";

export const policyBlocksByType: SavedQuery = {
  id: "policy-blocks-by-type",
  title: "Policy Blocks by Type",
  // Logs Insights indexes JSON booleans as 1/0, so `blocked = true` matches nothing; `blocked = 1` does.
  text: () =>
    pipeline(
      "fields @timestamp, policy_id, blocked_reason",
      "filter blocked = 1",
      "stats count(*) as block_count by policy_id",
      "sort block_count desc",
    ),
};
