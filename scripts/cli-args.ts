import { parseArgs, type ParseArgsConfig } from "node:util";

/**
 * Every command's arguments go through `parseArgs` of node:util in strict mode. What Node reports is reworded to
 * name the option, what it takes and the options there are, followed by the command's usage line.
 */

/** A command line the command cannot run with; the message ends with the usage line. Commands exit 2 on it. */
export class UsageError extends Error {}

export type OptionSpec =
  | { readonly type: "boolean" }
  /** `value` names what the option takes, as the usage line does: `<name>`, `N`, `synth|test|replay`. */
  | { readonly type: "string"; readonly value: string; readonly multiple?: boolean };

export interface CommandSpec {
  readonly usage: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly allowPositionals: boolean;
}

type OptionValue<O extends OptionSpec> = O extends { type: "string" } ? (O extends { multiple: true } ? string[] : string) : boolean;
export type OptionValues<S extends CommandSpec> = { -readonly [K in keyof S["options"]]?: OptionValue<S["options"][K]> };

export interface ParsedCommandLine<S extends CommandSpec> {
  readonly values: OptionValues<S>;
  readonly positionals: string[];
}

export function parseCommandLine<S extends CommandSpec>(spec: S, args: readonly string[]): ParsedCommandLine<S> {
  const options = Object.fromEntries(
    Object.entries(spec.options).map(([name, o]) => [
      name,
      o.type === "string" ? { type: "string" as const, multiple: o.multiple ?? false } : { type: "boolean" as const },
    ]),
  );
  try {
    const parsed = parseArgs({ args: [...args], options, allowPositionals: spec.allowPositionals, strict: true });
    return { values: parsed.values as OptionValues<S>, positionals: parsed.positionals };
  } catch (e) {
    if (!isParseArgsError(e)) throw e;
    throw usageError(spec, problemOf(spec, args, options, e.message));
  }
}

/** The usage error for a problem found after parsing (a value out of range, a missing argument). */
export function usageError(spec: Pick<CommandSpec, "usage">, problem: string): UsageError {
  return new UsageError(`${problem}\n${spec.usage}`);
}

/** How an option is written in a message: `--all`, `--scenario <name>`. */
function optionSynopsis(spec: CommandSpec, name: string): string {
  const o = spec.options[name];
  return o?.type === "string" ? `--${name} ${o.value}` : `--${name}`;
}

/** By its code: parseArgs's errors may come from another realm's TypeError (jest's, say). */
function isParseArgsError(e: unknown): e is Error & { code: string } {
  return typeof e === "object" && e !== null && String((e as { code?: unknown }).code).startsWith("ERR_PARSE_ARGS_");
}

/** Finds the token strict parsing refused, from the same arguments parsed leniently by parseArgs itself. */
function problemOf(spec: CommandSpec, args: readonly string[], options: ParseArgsConfig["options"], nodeMessage: string): string {
  const { tokens } = parseArgs({ args: [...args], options, allowPositionals: true, strict: false, tokens: true });
  const known = Object.keys(spec.options);
  const allowed = known.length > 0 ? `options: ${known.map((n) => optionSynopsis(spec, n)).join(", ")}` : "this command takes no options";
  for (const token of tokens) {
    if (token.kind === "positional" && !spec.allowPositionals)
      return `unexpected argument ${token.value}: this command takes options only; ${allowed}`;
    if (token.kind !== "option") continue;
    const option = Object.hasOwn(spec.options, token.name) ? spec.options[token.name] : undefined;
    if (option === undefined) return `unknown option ${token.rawName}; ${allowed}`;
    if (option.type === "boolean" && token.value !== undefined)
      return `${token.rawName} takes no value (${token.rawName}=${token.value} given)`;
    if (option.type === "string" && (token.value === undefined || (!token.inlineValue && token.value.startsWith("-")))) {
      const asValue =
        token.value !== undefined ? ` (${token.value} is an option; write ${token.rawName}=${token.value} if it is the value)` : "";
      return `${token.rawName} needs a value: ${optionSynopsis(spec, token.name)}${asValue}`;
    }
  }
  return nodeMessage;
}
