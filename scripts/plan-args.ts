import { type CommandSpec, parseCommandLine, usageError } from "./cli-args";

export const PLAN_COMMAND = {
  usage: "usage: npm run plan -- <environment>",
  options: {},
  allowPositionals: true,
} as const satisfies CommandSpec;

/** `npm run plan -- <environment>`, parsed: exactly one environment name; problems throw UsageError. */
export function parsePlanArgs(args: readonly string[]): { readonly environment: string } {
  const { positionals } = parseCommandLine(PLAN_COMMAND, args);
  if (positionals.length === 0) throw usageError(PLAN_COMMAND, "missing <environment>");
  if (positionals.length > 1) throw usageError(PLAN_COMMAND, `unexpected argument ${positionals[1]}: one environment at a time`);
  return { environment: positionals[0]! };
}
