import { type CommandSpec, parseCommandLine, usageError } from "../scripts/cli-args";

export { UsageError } from "../scripts/cli-args";

/** `npm run preview -- <env> | --all [--scenario <name>] [--at <minute>] [--out <dir>]`, parsed; problems throw UsageError. */
export interface PreviewArgs {
  /** One environment's name, or every synthesized one. */
  readonly environment: string | { readonly all: true };
  readonly scenario?: string;
  readonly atMinute?: number;
  /** `--out`: the folder the pages go into, as `<env>.html`. */
  readonly pagesDir?: string;
}

export const PREVIEW_COMMAND = {
  usage: "usage: npm run preview -- <environment> | --all [--scenario <name>] [--at <minutes after the scenario's start>] [--out <folder>]",
  options: {
    all: { type: "boolean" },
    scenario: { type: "string", value: "<name>" },
    at: { type: "string", value: "<minutes>" },
    out: { type: "string", value: "<folder>" },
  },
  allowPositionals: true,
} as const satisfies CommandSpec;

export function parsePreviewArgs(args: readonly string[]): PreviewArgs {
  const { values, positionals } = parseCommandLine(PREVIEW_COMMAND, args);
  if (positionals.length > 1) throw usageError(PREVIEW_COMMAND, `${positionals[1]}: one environment or --all, not both or two`);
  if (positionals.length === 1 && values.all) throw usageError(PREVIEW_COMMAND, "--all: one environment or --all, not both or two");
  const environment = values.all ? ({ all: true } as const) : positionals[0];
  if (environment === undefined) throw usageError(PREVIEW_COMMAND, "name an environment, or --all");
  if (values.at !== undefined && !/^\d+$/.test(values.at)) {
    throw usageError(PREVIEW_COMMAND, `--at ${values.at}: give whole minutes after the scenario's start, e.g. --at 75`);
  }
  if (values.out === "") throw usageError(PREVIEW_COMMAND, "--out needs a folder: --out <folder>");
  return {
    environment,
    ...(values.scenario !== undefined && { scenario: values.scenario }),
    ...(values.at !== undefined && { atMinute: Number(values.at) }),
    ...(values.out !== undefined && { pagesDir: values.out }),
  };
}
