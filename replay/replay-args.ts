import { type CommandSpec, parseCommandLine, usageError } from "../scripts/cli-args";

/** What `npm run replay` is asked to do; problems throw UsageError. */
export type ReplayRequest =
  /** Every scenario, as a table (and into each HANDOFF.md). */
  | { readonly kind: "table"; readonly environment?: string }
  /** `--alarms`: which alarm first notified when, per scenario. */
  | { readonly kind: "alarms"; readonly environment?: string }
  /** `--queries`: the --metric-data-queries JSON of one stack's alarms. */
  | { readonly kind: "queries"; readonly environment: string }
  /** `--metrics <export.json>…`: get-metric-data exports replayed through one stack's alarms. */
  | { readonly kind: "metrics"; readonly environment: string; readonly files: readonly string[] };

export const REPLAY_COMMAND = {
  usage:
    "usage: npm run replay [-- <env>] | npm run replay -- [<env>] --alarms | npm run replay -- " +
    "<env> --queries | npm run replay -- <env> --metrics <get-metric-data export.json>…",
  options: {
    alarms: { type: "boolean" },
    queries: { type: "boolean" },
    // Several exports (pages of a long one) follow the flag as `--metrics a.json b.json`; the later ones parse as positionals.
    metrics: { type: "string", value: "<export.json>…", multiple: true },
  },
  allowPositionals: true,
} as const satisfies CommandSpec;

export function parseReplayArgs(args: readonly string[]): ReplayRequest {
  const { values, positionals } = parseCommandLine(REPLAY_COMMAND, args);
  const [environment, ...rest] = positionals;
  const modes = (["alarms", "queries", "metrics"] as const).filter((m) => values[m] !== undefined);
  if (modes.length > 1) throw usageError(REPLAY_COMMAND, `${modes.map((m) => `--${m}`).join(" and ")}: one at a time`);
  if (values.metrics !== undefined) {
    if (environment === undefined)
      throw usageError(REPLAY_COMMAND, "--metrics: name the environment whose alarms replay the export, before it");
    return { kind: "metrics", environment, files: [...values.metrics, ...rest] };
  }
  if (rest.length > 0) throw usageError(REPLAY_COMMAND, `${rest[0]}: one environment at most; only --metrics takes files`);
  if (values.queries) {
    if (environment === undefined) throw usageError(REPLAY_COMMAND, "--queries: name the environment whose alarms' queries to print");
    return { kind: "queries", environment };
  }
  const kind = values.alarms ? "alarms" : "table";
  return environment === undefined ? { kind } : { kind, environment };
}
