import { anyPhraseCapture, TEXT_MARKERS } from "../formats/text-markers";
import { pipeline, type SavedQuery } from "./saved-query";

/** Text: the block line's own words tell the kind (static policy, tenant policy, blocked plan). */
const textBlocks = () =>
  pipeline(
    `parse @message ${anyPhraseCapture("block_kind", TEXT_MARKERS.policyBlock)}`,
    "filter ispresent(block_kind)",
    "stats count(*) as block_count by block_kind",
    "sort block_count desc",
  );

export const policyBlocksByType: SavedQuery = {
  id: "policy-blocks-by-type",
  title: "Policy Blocks by Type",
  text: {
    text: textBlocks,
    "axonflow-json": textBlocks,
    // Logs Insights indexes JSON booleans as 1/0, so `blocked = true` matches nothing; `blocked = 1` does.
    "guide-json": () =>
      pipeline(
        "fields @timestamp, policy_id, blocked_reason",
        "filter blocked = 1",
        "stats count(*) as block_count by policy_id",
        "sort block_count desc",
      ),
  },
};
