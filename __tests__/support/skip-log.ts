import { appendFileSync } from "node:fs";

/** The file the skip-summary reporter reads at the end of the run (set by it in the parent process). */
export const SKIP_LOG_VARIABLE = "AXONFLOW_SKIP_LOG";

/**
 * A suite skipped for a missing tool, and how to get it: warned where the file runs, and logged for the reporter,
 * because jest shows nothing of a file whose every test was skipped.
 */
export function announceSkip(why: string): void {
  console.warn(`\n${"!".repeat(100)}\n${why}\n${"!".repeat(100)}\n`);
  const log = process.env[SKIP_LOG_VARIABLE];
  if (log) appendFileSync(log, `${why.replace(/\s*\n\s*/g, " ")}\n`);
}
