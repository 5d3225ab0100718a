import { ABSENT, parseSelector, selectValue, type JsonSelector } from "./json-selector";

/**
 * Where a metric filter takes a number or a dimension value from: a literal (`"1"`) or a JSON selector
 * (`"$.tokens_used"`, `{"Model": "$.model"}`) ("Filter pattern syntax for metric filters": "Using values in log
 * events to increment a metric's value", "Publishing dimensions with metrics from values in JSON ... log events").
 */
export type ValueSource = { readonly literal: number } | { readonly selector: JsonSelector };

export function parseValueSource(text: string, context: string): ValueSource {
  const t = text.trim();
  if (t.startsWith("$.") || t.startsWith("$[")) return { selector: parseSelector(t, `${context}: ${t}`) };
  if (/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t)) return { literal: Number(t) };
  if (t.startsWith("$")) throw new Error(`${context}: ${t}: space-delimited fields ($name) are not supported by the replay`);
  throw new Error(`${context}: ${t} is neither a number nor a JSON selector such as $.tokens_used`);
}

/**
 * The number a matching event adds. A selector must point at a JSON number: a missing field, a string or an
 * object gives no value (the event then publishes nothing, the pessimistic reading of a case AWS leaves open).
 */
export function extractNumber(source: ValueSource, json: unknown): number | undefined {
  if ("literal" in source) return source.literal;
  const v = selectValue(json, source.selector);
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

/** A dimension's value: a string or number field; anything else (missing, null, object) gives none. */
export function extractDimension(source: ValueSource, json: unknown): string | undefined {
  if ("literal" in source) return String(source.literal);
  const v = selectValue(json, source.selector);
  if (v === ABSENT) return undefined;
  if (typeof v === "string" && v !== "") return v;
  if (typeof v === "number") return String(v);
  return undefined;
}
