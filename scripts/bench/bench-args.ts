import { type CommandSpec, parseCommandLine, usageError } from "../cli-args";

export const BENCH_GROUPS = ["synth", "test", "replay"] as const;
export type BenchGroup = (typeof BENCH_GROUPS)[number];

/** `npm run bench -- [--runs N] [--only synth|test|replay] [--report-only]`, parsed; problems throw UsageError. */
export interface BenchArgs {
  /** Timed runs of each case after the warm-up. */
  readonly runs: number;
  readonly only?: BenchGroup;
  /** Print the table, exit 0 whatever the budgets say. */
  readonly reportOnly: boolean;
}

export const DEFAULT_RUNS = 5;

export const BENCH_COMMAND = {
  usage: `usage: npm run bench -- [--runs N (default ${DEFAULT_RUNS})] [--only ${BENCH_GROUPS.join("|")}] [--report-only]`,
  options: {
    runs: { type: "string", value: "N" },
    only: { type: "string", value: BENCH_GROUPS.join("|") },
    "report-only": { type: "boolean" },
  },
  allowPositionals: false,
} as const satisfies CommandSpec;

export function parseBenchArgs(args: readonly string[]): BenchArgs {
  const { values } = parseCommandLine(BENCH_COMMAND, args);
  const runsText = values.runs ?? String(DEFAULT_RUNS);
  if (!/^\d+$/.test(runsText) || Number(runsText) < 1)
    throw usageError(BENCH_COMMAND, `--runs ${runsText}: give a whole number of runs, 1 or more`);
  const runs = Number(runsText);
  const only = values.only;
  if (only !== undefined && !isGroup(only)) throw usageError(BENCH_COMMAND, `--only ${only}: one of ${BENCH_GROUPS.join(", ")}`);
  return { runs, ...(only !== undefined && { only }), reportOnly: values["report-only"] ?? false };
}

function isGroup(name: string): name is BenchGroup {
  return (BENCH_GROUPS as readonly string[]).includes(name);
}
