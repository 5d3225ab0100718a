import { escapeRegExp } from "../../regexp";

/**
 * The words that mark a line in AxonFlow's Go log text, from the format strings of getaxonflow/axonflow
 * platform/agent/run.go, platform/agent/gateway_handlers.go, platform/orchestrator/run.go and
 * platform/orchestrator/db_dynamic_policies.go. Case matters: CloudWatch filter terms and these regexes are
 * case-sensitive. One list feeds both the metric filter pattern and the Logs Insights regex, so the metric
 * and the queries count the same lines.
 */
export const TEXT_MARKERS = {
  /**
   * ❌ prefixes most failures; ERROR covers `[ERROR]`, `[LLM] ERROR:` and the shared logger's `"level":"ERROR"`;
   * a failed LLM call says "provider failed" or "providers failed" after `err=`. `Error <verb>ing` are the
   * handlers' and proxy's own failures; a bare "Error" would also match prompt text and names.
   */
  error: ["❌", "ERROR", "FAILED", "Failed", "failed", "Error proxying", "Error encoding", "Error writing", "Error scanning"],
  /** The agent's static and tenant policy blocks and the orchestrator's blocked plan. */
  policyBlock: ["Request blocked", "policy blocked request", "BLOCKED"],
  /** The agent's one line per incoming request. */
  request: ["Incoming request"],
} as const;

/** `?"a" ?"b"`: a CloudWatch filter pattern matching a line that contains any of the phrases. */
export const anyPhrasePattern = (phrases: readonly string[]): string => phrases.map((p) => `?"${p}"`).join(" ");

/** `/a|b/`: the Logs Insights regex matching the same lines. */
export const anyPhraseRegex = (phrases: readonly string[]): string => `/${phrases.map(escapeRegExp).join("|")}/`;

/** `/(?<name>a|b)/`: the same regex for `parse`, capturing the phrase found (empty on other lines). */
export const anyPhraseCapture = (name: string, phrases: readonly string[]): string =>
  `/(?<${name}>${phrases.map(escapeRegExp).join("|")})/`;
