import type { MathNode } from "../../lib/metrics/metric-math";
import type { MetricId } from "../../replay/metric-data";

/**
 * A SEARCH expression evaluated offline over the series the replay world published: the form the stack writes
 * (lib/metrics/search-expression.ts), `SEARCH('{Namespace,DimKey,…} MetricName="Name" Key="value"…', 'Stat', Period)`.
 * Per "CloudWatch search expression syntax", a schema matches series of that namespace with exactly those dimension
 * keys, and `Key="value"` terms match exactly. Partial-word terms, OR/NOT and wildcards are not evaluated (reason given).
 */
export interface SearchMatch {
  readonly stat: string;
  readonly periodSeconds: number;
  /** Sorted by label, as CloudWatch lists search results. */
  readonly series: readonly { readonly metric: MetricId; readonly label: string }[];
}

export type SearchResult = { readonly ok: true; readonly match: SearchMatch } | { readonly ok: false; readonly reason: string };

/** `expression`: the parsed line, which calls SEARCH somewhere. */
export function evaluateSearch(expression: MathNode, published: readonly MetricId[], defaultPeriod: number): SearchResult {
  const [query, stat, period, ...rest] = expression.kind === "call" && expression.name === "SEARCH" ? expression.args : [];
  if (query?.kind !== "string" || stat?.kind !== "string" || (period !== undefined && period.kind !== "number") || rest.length > 0) {
    return { ok: false, reason: "only a whole SEARCH('query', 'Stat', period) expression is evaluated offline" };
  }
  const parsed = parseQuery(query.text);
  if ("reason" in parsed) return { ok: false, reason: parsed.reason };
  const { schema, terms } = parsed;
  const matches = published.filter((m) => {
    const keys = Object.keys(m.dimensions);
    if (schema && (m.namespace !== schema.namespace || keys.length !== schema.keys.length || !schema.keys.every((k) => k in m.dimensions)))
      return false;
    return terms.every(([key, value]) =>
      key === "MetricName" ? m.metricName === value : key === "Namespace" ? m.namespace === value : m.dimensions[key] === value,
    );
  });
  const labelKeys = schema?.keys ?? [];
  const series = matches
    .map((metric) => ({ metric, label: labelKeys.length > 0 ? labelKeys.map((k) => metric.dimensions[k]).join(" ") : metric.metricName }))
    .sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  return { ok: true, match: { stat: stat.text, periodSeconds: period === undefined ? defaultPeriod : period.value, series } };
}

type ParsedQuery = { schema?: { namespace: string; keys: string[] }; terms: [string, string][] } | { reason: string };

// A name in a schema or a term: bare letters and digits, or double-quoted with \-escapes.
const NAME = String.raw`(?:[A-Za-z0-9_.\-/:]+|"(?:[^"\\]|\\.)*")`;
const SCHEMA = new RegExp(String.raw`^\{\s*(${NAME}(?:\s*,\s*${NAME})*)\s*\}`);
const TERM = new RegExp(String.raw`^(${NAME})=("(?:[^"\\]|\\.)*")`);

function parseQuery(text: string): ParsedQuery {
  let rest = text.replace(/\\'/g, "'").trim();
  let schema: { namespace: string; keys: string[] } | undefined;
  const s = SCHEMA.exec(rest);
  if (s) {
    const names = s[1]!.match(new RegExp(NAME, "g"))!.map(unquote);
    schema = { namespace: names[0]!, keys: names.slice(1) };
    rest = rest.slice(s[0].length).trim();
  }
  const terms: [string, string][] = [];
  while (rest.length > 0) {
    const t = TERM.exec(rest);
    if (!t)
      return {
        reason: `the search term ${JSON.stringify(rest.split(/\s+/)[0])} is not an exact Key="value" match, which is all the preview evaluates`,
      };
    terms.push([unquote(t[1]!), unquote(t[2]!)]);
    rest = rest.slice(t[0].length).trim();
  }
  return { ...(schema && { schema }), terms };
}

const unquote = (name: string) => (name.startsWith('"') ? name.slice(1, -1).replace(/\\(.)/g, "$1") : name);
