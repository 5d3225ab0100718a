/**
 * Logs Insights boolean expressions, as `filter` takes them ("CloudWatch Logs Insights language query syntax"):
 * comparisons (= != < <= > >=), `like`/`=~` with a /regex/ or a "substring", `in [..]`, `and`, `or`, `not`,
 * parentheses, and the functions ispresent, isempty, isblank, strcontains. A field absent from a line compares false.
 * Anything else throws NotEvaluatedOffline, so the widget shows its query text instead of a wrong result.
 */
export type FieldValue = string | number;
export type LogFields = Readonly<Record<string, FieldValue>>;

export class NotEvaluatedOffline extends Error {}

export type Expression = (fields: LogFields) => FieldValue | boolean | undefined;

type Token = { kind: "name" | "string" | "number" | "regex" | "op" | "punct"; text: string };

const KEYWORDS = new Set(["and", "or", "not", "like", "in"]);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const previous = tokens[tokens.length - 1];
    if (c === "/" && previous !== undefined && (previous.text === "like" || previous.text === "=~")) {
      const end = closing(text, i, "/");
      tokens.push({ kind: "regex", text: text.slice(i + 1, end) });
      i = end + 1;
    } else if (c === '"' || c === "'") {
      const end = closing(text, i, c);
      tokens.push({ kind: "string", text: text.slice(i + 1, end).replace(/\\(.)/g, "$1") });
      i = end + 1;
    } else if (c === "`") {
      const end = closing(text, i, "`");
      tokens.push({ kind: "name", text: text.slice(i + 1, end) });
      i = end + 1;
    } else if (
      /[0-9]/.test(c) ||
      (c === "-" &&
        /[0-9]/.test(text[i + 1] ?? "") &&
        (previous === undefined || previous.kind === "op" || previous.text === "(" || previous.text === ","))
    ) {
      const m = /^-?\d+(\.\d+)?/.exec(text.slice(i))!;
      tokens.push({ kind: "number", text: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_@]/.test(c)) {
      const m = /^[A-Za-z_@][A-Za-z0-9_@.]*/.exec(text.slice(i))!;
      tokens.push({ kind: "name", text: m[0] });
      i += m[0].length;
    } else {
      const m = /^(=~|!=|<=|>=|=|<|>)/.exec(text.slice(i));
      if (m) {
        tokens.push({ kind: "op", text: m[0] });
        i += m[0].length;
      } else if ("(),[]".includes(c)) {
        tokens.push({ kind: "punct", text: c });
        i++;
      } else throw new NotEvaluatedOffline(`the character ${JSON.stringify(c)} in a filter is not evaluated offline`);
    }
  }
  return tokens;
}

function closing(text: string, start: number, quote: string): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === quote) return i;
  }
  throw new NotEvaluatedOffline(`unclosed ${quote} in the query`);
}

export function parseFilter(text: string): Expression {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (word: string) => peek()?.kind === "name" && peek()!.text.toLowerCase() === word;
  const expect = (text: string) => {
    if (peek()?.text !== text) throw new NotEvaluatedOffline(`expected ${text} in the filter`);
    pos++;
  };
  /** Comma-separated items up to and including `close` (the opening bracket is read already). */
  const listUntil = (close: string, item: () => Expression): Expression[] => {
    const items: Expression[] = [];
    while (peek()?.text !== close) {
      items.push(item());
      if (peek()?.text === ",") pos++;
      else break;
    }
    expect(close);
    return items;
  };

  const or = (): Expression => {
    let left = and();
    while (isWord("or")) {
      pos++;
      const [l, r] = [left, and()];
      left = (f) => truthy(l(f)) || truthy(r(f));
    }
    return left;
  };
  const and = (): Expression => {
    let left = not();
    while (isWord("and")) {
      pos++;
      const [l, r] = [left, not()];
      left = (f) => truthy(l(f)) && truthy(r(f));
    }
    return left;
  };
  const not = (): Expression => {
    if (isWord("not")) {
      pos++;
      const inner = not();
      return (f) => !truthy(inner(f));
    }
    return comparison();
  };
  const comparison = (): Expression => {
    const left = primary();
    const negated = isWord("not") && ["like", "in"].includes(tokens[pos + 1]?.text.toLowerCase() ?? "");
    if (negated) pos++;
    const t = peek();
    let test: Expression | undefined;
    if (t?.kind === "op" && t.text !== "=~") {
      pos++;
      const right = primary();
      test = (f) => compare(t.text, left(f), right(f));
    } else if (isWord("like") || t?.text === "=~") {
      pos++;
      const pattern = peek();
      if (pattern?.kind !== "regex" && pattern?.kind !== "string") throw new NotEvaluatedOffline("like needs a /regex/ or a string");
      pos++;
      const regex = pattern.kind === "regex" ? toRegExp(pattern.text) : undefined;
      test = (f) => {
        const v = left(f);
        if (v === undefined || typeof v === "boolean") return false;
        return regex ? regex.test(String(v)) : String(v).includes(pattern.text);
      };
    } else if (isWord("in")) {
      pos++;
      expect("[");
      const items = listUntil("]", primary);
      test = (f) => items.some((item) => compare("=", left(f), item(f)));
    }
    if (test === undefined) return left;
    const positive = test;
    return negated ? (f) => !truthy(positive(f)) : positive;
  };
  const primary = (): Expression => {
    const t = peek();
    if (t === undefined) throw new NotEvaluatedOffline("the filter ends too early");
    pos++;
    if (t.kind === "number") return () => Number(t.text);
    if (t.kind === "string") return () => t.text;
    if (t.text === "(") {
      const inner = or();
      expect(")");
      return inner;
    }
    if (t.kind === "name" && peek()?.text === "(") return call(t.text);
    if (t.kind === "name" && !KEYWORDS.has(t.text.toLowerCase())) return (f) => f[t.text];
    throw new NotEvaluatedOffline(`${JSON.stringify(t.text)} is not evaluated offline`);
  };
  const call = (name: string): Expression => {
    expect("(");
    const args = listUntil(")", or);
    const [a, b] = args;
    switch (name.toLowerCase()) {
      case "ispresent":
        return (f) => a !== undefined && a(f) !== undefined;
      case "isempty":
        return (f) => a === undefined || a(f) === undefined || a(f) === "";
      case "isblank":
        return (f) => a === undefined || a(f) === undefined || String(a(f)).trim() === "";
      case "strcontains":
        return (f) => a !== undefined && b !== undefined && a(f) !== undefined && String(a(f)).includes(String(b(f)));
      default:
        throw new NotEvaluatedOffline(`the function ${name}() is not evaluated offline`);
    }
  };

  const expression = or();
  if (pos !== tokens.length) throw new NotEvaluatedOffline(`${JSON.stringify(tokens[pos]!.text)} in the filter is not evaluated offline`);
  return expression;
}

function truthy(v: FieldValue | boolean | undefined): boolean {
  return v !== undefined && v !== false && v !== 0 && v !== "";
}

function compare(op: string, a: FieldValue | boolean | undefined, b: FieldValue | boolean | undefined): boolean {
  if (a === undefined || b === undefined || typeof a === "boolean" || typeof b === "boolean") return false;
  const numeric = typeof a === "number" || typeof b === "number" ? [Number(a), Number(b)] : undefined;
  const [x, y] = numeric?.every(Number.isFinite) ? numeric : [String(a), String(b)];
  switch (op) {
    case "=":
      return x === y;
    case "!=":
      return x !== y;
    case "<":
      return x < y;
    case "<=":
      return x <= y;
    case ">":
      return x > y;
    case ">=":
      return x >= y;
    default:
      return false;
  }
}

/** Logs Insights writes case-insensitive regexes as /(?i)…/; JavaScript as a flag. */
function toRegExp(source: string): RegExp {
  const insensitive = source.startsWith("(?i)");
  try {
    return new RegExp(insensitive ? source.slice(4) : source, insensitive ? "i" : "");
  } catch {
    throw new NotEvaluatedOffline(`the regex /${source}/ is not one JavaScript reads`);
  }
}
