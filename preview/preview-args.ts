/** `npm run preview -- <env> | --all [--scenario <name>] [--at <minute>]`, parsed; problems throw UsageError. */
export interface PreviewArgs {
  /** One environment's name, or every synthesized one. */
  readonly environment: string | { readonly all: true };
  readonly scenario?: string;
  readonly atMinute?: number;
}

export const USAGE = "usage: npm run preview -- <environment> | --all [--scenario <name>] [--at <minutes after the scenario's start>]";

export class UsageError extends Error {}

export function parsePreviewArgs(args: readonly string[]): PreviewArgs {
  let environment: PreviewArgs["environment"] | undefined;
  let scenario: string | undefined;
  let atMinute: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined || v.startsWith("--")) throw new UsageError(`${arg} needs a value\n${USAGE}`);
      return v;
    };
    if (arg === "--scenario") scenario = value();
    else if (arg === "--at") {
      const text = value();
      if (!/^\d+$/.test(text)) throw new UsageError(`--at ${text}: give whole minutes after the scenario's start, e.g. --at 75\n${USAGE}`);
      atMinute = Number(text);
    } else if (arg === "--all") environment = set(environment, { all: true }, arg);
    else if (arg.startsWith("--")) throw new UsageError(`unknown option ${arg}\n${USAGE}`);
    else environment = set(environment, arg, arg);
  }
  if (environment === undefined) throw new UsageError(`name an environment, or --all\n${USAGE}`);
  return { environment, ...(scenario !== undefined && { scenario }), ...(atMinute !== undefined && { atMinute }) };
}

function set(current: PreviewArgs["environment"] | undefined, next: PreviewArgs["environment"], arg: string): PreviewArgs["environment"] {
  if (current !== undefined) throw new UsageError(`${arg}: one environment or --all, not both or two\n${USAGE}`);
  return next;
}
