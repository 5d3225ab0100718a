import { NotEvaluatedOffline, parseFilter, type Expression } from "./filter-expression";

/**
 * A log widget's query, `SOURCE 'group' | … | command\n| command`, parsed into the commands the preview evaluates:
 * fields/display (plain fields, `as` renames), filter, parse (a /regex/ with named groups), stats (count, sum, avg, min, max, pct, count_distinct, by
 * fields and bin(…)), sort, limit. Any other command throws NotEvaluatedOffline naming it.
 */
export type Command =
  | { readonly kind: "fields"; readonly display: boolean; readonly fields: readonly { readonly name: string; readonly as: string }[] }
  | { readonly kind: "filter"; readonly test: Expression }
  /** Reads `names` out of `field` where `pattern` matches; on other lines they stay absent. */
  | { readonly kind: "parse"; readonly field: string; readonly pattern: RegExp; readonly names: readonly string[] }
  | { readonly kind: "stats"; readonly aggregates: readonly Aggregate[]; readonly by: readonly GroupKey[] }
  | { readonly kind: "sort"; readonly keys: readonly { readonly name: string; readonly descending: boolean }[] }
  | { readonly kind: "limit"; readonly count: number };

export type AggregateFunction = "count" | "sum" | "avg" | "min" | "max" | "pct" | "count_distinct";

export interface Aggregate {
  readonly fn: AggregateFunction;
  /** undefined: count(*) */
  readonly field?: string;
  readonly percent?: number;
  /** The result column: the alias, or the aggregation as written. */
  readonly as: string;
}

export type GroupKey =
  | { readonly kind: "field"; readonly name: string; readonly as: string }
  | { readonly kind: "bin"; readonly seconds: number; readonly as: string };

export interface ParsedQuery {
  readonly logGroups: readonly string[];
  /** The query after its SOURCE clauses, as shown on the page. */
  readonly text: string;
  readonly commands: readonly Command[];
}

/** Splits on `|` outside quotes and /regexes/. */
export function splitCommands(query: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quote: string | undefined;
  for (let i = 0; i < query.length; i++) {
    const c = query[i]!;
    if (quote) {
      current += c;
      if (c === "\\") current += query[++i] ?? "";
      else if (c === quote) quote = undefined;
    } else if (c === "|") {
      parts.push(current.trim());
      current = "";
    } else {
      if (c === "'" || c === '"' || c === "`" || (c === "/" && /(\blike|=~|^\s*parse\s+\S+)\s*$/i.test(current))) quote = c;
      current += c;
    }
  }
  parts.push(current.trim());
  return parts.filter((p) => p.length > 0);
}

export function parseQuery(query: string): { logGroups: string[]; text: string; parse: () => Command[] } {
  const parts = splitCommands(query);
  const logGroups: string[] = [];
  while (parts.length > 0 && /^SOURCE\s/i.test(parts[0]!)) {
    const m = /^SOURCE\s+'([^']*)'\s*$/i.exec(parts.shift()!);
    if (m) logGroups.push(m[1]!);
  }
  return { logGroups, text: parts.join("\n| "), parse: () => parts.map(parseCommand) };
}

function parseCommand(text: string): Command {
  const m = /^([A-Za-z_]+)\s*([\s\S]*)$/.exec(text);
  const name = m?.[1]?.toLowerCase() ?? text;
  const rest = m?.[2]?.trim() ?? "";
  switch (name) {
    case "fields":
    case "display":
      return { kind: "fields", display: name === "display", fields: splitTop(rest).map(fieldItem) };
    case "filter":
      return { kind: "filter", test: parseFilter(rest) };
    case "parse":
      return parseParse(rest);
    case "stats":
      return parseStats(rest);
    case "sort":
      return {
        kind: "sort",
        keys: splitTop(rest).map((k) => {
          const s = /^(`[^`]+`|\S+)(?:\s+(asc|desc))?$/i.exec(k);
          if (!s) throw new NotEvaluatedOffline(`sort ${k} is not evaluated offline`);
          return { name: s[1]!.replace(/`/g, ""), descending: (s[2] ?? "desc").toLowerCase() === "desc" };
        }),
      };
    case "limit": {
      if (!/^\d+$/.test(rest)) throw new NotEvaluatedOffline(`limit ${rest} is not a count`);
      return { kind: "limit", count: Number(rest) };
    }
    default:
      throw new NotEvaluatedOffline(`the ${name} command is not evaluated offline`);
  }
}

/**
 * `parse @message /(?<name>…)/`: Logs Insights regexes name their groups as JavaScript does. (The glob form,
 * `'text * text' as a, b`, is not used by this project's queries and not evaluated.)
 */
function parseParse(text: string): Command {
  const regex = /^(`[^`]+`|[\w@.]+)\s+\/(.*)\/$/s.exec(text);
  if (regex) {
    const pattern = new RegExp(regex[2]!, "u");
    const names = [...regex[2]!.matchAll(/\(\?<([A-Za-z_]\w*)>/g)].map((m) => m[1]!);
    if (names.length === 0) throw new NotEvaluatedOffline(`parse ${text}: a regex parse needs named groups (?<name>...)`);
    return { kind: "parse", field: regex[1]!.replace(/`/g, ""), pattern, names };
  }
  throw new NotEvaluatedOffline(`parse ${text} is not evaluated offline`);
}

function fieldItem(item: string): { name: string; as: string } {
  const m = /^(`[^`]+`|[A-Za-z_@][\w@.]*)(?:\s+as\s+([A-Za-z_@][\w@.]*))?$/i.exec(item);
  if (!m) throw new NotEvaluatedOffline(`the field expression ${JSON.stringify(item)} is not evaluated offline`);
  const name = m[1]!.replace(/`/g, "");
  return { name, as: m[2] ?? name };
}

function parseStats(text: string): Command {
  const byAt = findTopLevelWord(text, "by");
  const aggregatesText = byAt < 0 ? text : text.slice(0, byAt);
  const byText = byAt < 0 ? "" : text.slice(byAt + 2);
  const aggregates = splitTop(aggregatesText).map((item): Aggregate => {
    const m = /^(\w+)\s*\(\s*([^,()]*?)\s*(?:,\s*(\d+(?:\.\d+)?)\s*)?\)(?:\s+as\s+([\w@.]+))?$/i.exec(item);
    const fn = m?.[1]?.toLowerCase();
    if (!m || !["count", "sum", "avg", "min", "max", "pct", "count_distinct"].includes(fn!))
      throw new NotEvaluatedOffline(`the aggregation ${JSON.stringify(item)} is not evaluated offline`);
    const field = m[2] === "*" || m[2] === "" ? undefined : m[2]!.replace(/`/g, "");
    if (fn === "pct" && m[3] === undefined) throw new NotEvaluatedOffline("pct needs a percentile");
    if (fn !== "count" && field === undefined) throw new NotEvaluatedOffline(`${fn}() needs a field`);
    const as = m[4] ?? item.replace(/\s+as\s+[\w@.]+$/i, "");
    return { fn: fn as AggregateFunction, ...(field !== undefined && { field }), ...(m[3] !== undefined && { percent: Number(m[3]) }), as };
  });
  const by = splitTop(byText).map((item): GroupKey => {
    const bin = /^bin\s*\(\s*(\d+)\s*(ms|s|m|h|d)\s*\)(?:\s+as\s+([\w@.]+))?$/i.exec(item);
    if (bin) {
      const unit = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 }[bin[2]!.toLowerCase() as "ms" | "s" | "m" | "h" | "d"];
      return { kind: "bin", seconds: Number(bin[1]) * unit, as: bin[3] ?? item.replace(/\s+as\s+[\w@.]+$/i, "") };
    }
    const f = fieldItem(item);
    return { kind: "field", name: f.name, as: f.as };
  });
  return { kind: "stats", aggregates, by };
}

/** Splits on commas outside parentheses, brackets and quotes. */
function splitTop(text: string): string[] {
  if (text.trim() === "") return [];
  const out: string[] = [];
  let depth = 0;
  let current = "";
  let quote: string | undefined;
  for (const c of text) {
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"' || c === "`") quote = c;
    else if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "," && depth === 0) {
      out.push(current.trim());
      current = "";
      continue;
    }
    current += c;
  }
  out.push(current.trim());
  return out;
}

/** Where ` by ` begins outside parentheses and quotes, or -1. */
function findTopLevelWord(text: string, word: string): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === "'" || c === '"' || c === "`") quote = c;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (depth === 0 && /\s/.test(text[i - 1] ?? "") && text.slice(i, i + word.length + 1).toLowerCase() === `${word} `) return i;
  }
  return -1;
}
