import { pipeline, type SavedQuery } from "./saved-query";

export const policyViolationsByTypeAndSeverity: SavedQuery = {
  id: "policy-violations-by-type-and-severity",
  title: "Policy Violations by Type and Severity",
  // JSON true is indexed as 1 (see policy-blocks-by-type.ts).
  text: {
    "guide-json": () =>
      pipeline("filter blocked = 1", "stats count(*) as violations by policy_id, blocked_reason", "sort violations desc", "limit 25"),
  },
  unanswerable: "AxonFlow's own block lines name no policy id or severity; Policy Blocks by Type counts them by kind",
};
