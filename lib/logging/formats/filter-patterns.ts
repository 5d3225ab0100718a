import type { LogFormat } from "../../config/log-formats";
import { anyPhrasePattern, TEXT_MARKERS } from "./text-markers";

/** The metric filters one log format can feed: error lines, policy blocks and, where lines carry them, tokens. */
export interface FormatFilterPatterns {
  readonly error: string;
  readonly policyBlock: string;
  /** Only where a line names its model and tokens; the others have no TokensUsed filter. */
  readonly tokensUsed?: string;
}

/**
 * JSON selectors match only an event that is JSON from its first character. The shared logger's lines start with
 * Go's date, and its services write text lines beside them, so axonflow-json uses the text terms: `ERROR` matches
 * `"level":"ERROR"` as well as `[ERROR]`.
 */
const TEXT_PATTERNS: FormatFilterPatterns = {
  error: anyPhrasePattern(TEXT_MARKERS.error),
  policyBlock: anyPhrasePattern(TEXT_MARKERS.policyBlock),
};

export const FILTER_PATTERNS: Readonly<Record<LogFormat, FormatFilterPatterns>> = {
  text: TEXT_PATTERNS,
  "axonflow-json": TEXT_PATTERNS,
  "guide-json": {
    // JSON patterns are brace-wrapped; a selector on a missing field does not match.
    error: '{ $.level = "error" }',
    policyBlock: "{ $.blocked IS TRUE }",
    // `= *` matches any value (AWS's example `{ $.latency = * }`); requiring model keeps the Model dimension set.
    tokensUsed: "{ ($.tokens_used = *) && ($.model = *) }",
  },
};
