import { type CommandSpec, parseCommandLine, usageError } from "./cli-args";

/** `scripts/make-metric-export.ts <cdk.tf.json> <scenario> <from minute> <to minute> <out.json>`, parsed; problems throw UsageError. */
export interface MetricExportArgs {
  readonly stackFile: string;
  readonly scenario: string;
  /** Minutes after the scenario's start; the export covers [from, to). */
  readonly fromMinute: number;
  readonly toMinute: number;
  readonly out: string;
}

export const METRIC_EXPORT_COMMAND = {
  usage: "usage: node --require tsx/cjs scripts/make-metric-export.ts <cdk.tf.json> <scenario> <from minute> <to minute> <out.json>",
  options: {},
  allowPositionals: true,
} as const satisfies CommandSpec;

const ARGUMENTS = ["<cdk.tf.json>", "<scenario>", "<from minute>", "<to minute>", "<out.json>"];

export function parseMetricExportArgs(args: readonly string[]): MetricExportArgs {
  const { positionals } = parseCommandLine(METRIC_EXPORT_COMMAND, args);
  if (positionals.length !== ARGUMENTS.length) {
    const problem =
      positionals.length < ARGUMENTS.length
        ? `missing ${ARGUMENTS.slice(positionals.length).join(" ")}`
        : `unexpected argument ${positionals[ARGUMENTS.length]}: five arguments, no more`;
    throw usageError(METRIC_EXPORT_COMMAND, problem);
  }
  const [stackFile, scenario, from, to, out] = positionals as [string, string, string, string, string];
  for (const [name, text] of [
    ["<from minute>", from],
    ["<to minute>", to],
  ]) {
    if (!/^\d+$/.test(text!)) throw usageError(METRIC_EXPORT_COMMAND, `${name} ${text}: give whole minutes after the scenario's start`);
  }
  if (Number(to) <= Number(from)) throw usageError(METRIC_EXPORT_COMMAND, `<to minute> ${to}: after <from minute> ${from}`);
  return { stackFile, scenario, fromMinute: Number(from), toMinute: Number(to), out };
}
