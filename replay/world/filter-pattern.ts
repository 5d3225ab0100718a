import { ABSENT, readSelector, selectValue, type JsonSelector } from "./json-selector";
import { escapeRegExp } from "../../lib/regexp";

/**
 * CloudWatch Logs filter patterns ("Filter pattern syntax for metric filters", "Using filter patterns to match terms
 * in JSON log events"): the empty pattern, plain terms and quoted phrases (`ERROR -ARGUMENTS`, `?A ?B`), and JSON
 * patterns `{ $.level = "error" }`, `{ $.x = * }`, `{ $.b IS TRUE }`, `IS NULL`, `NOT EXISTS`, `!=`, numeric
 * comparisons, `*` wildcards in strings, `&&`, `||` (&& binds tighter) and parentheses.
 *
 * A hand-written recursive-descent parser: no npm package parses this AWS-only syntax, and the grammar is small.
 * What the replay does not model (regex `%…%`, space-delimited `[a, b]`, wildcard selectors) throws, naming the pattern.
 */
export interface LogEvent {
  readonly message: string;
  /** The message parsed as JSON, when it is a JSON object. */
  readonly json?: unknown;
}

export interface CompiledFilterPattern {
  readonly text: string;
  matches(event: LogEvent): boolean;
}

type Node =
  | { readonly op: "and" | "or"; readonly left: Node; readonly right: Node }
  | { readonly op: "test"; readonly selector: JsonSelector; readonly test: (value: unknown) => boolean };

export function compileFilterPattern(text: string): CompiledFilterPattern {
  const trimmed = text.trim();
  if (trimmed === "") return { text, matches: () => true }; // the empty pattern matches every event
  if (trimmed.startsWith("{")) {
    const node = new JsonPatternParser(text, trimmed).parse();
    return { text, matches: (e) => e.json !== undefined && evaluate(node, e.json) };
  }
  if (trimmed.startsWith("["))
    throw new Error(`filter pattern ${JSON.stringify(text)}: space-delimited patterns ([a, b, ...]) are not supported by the replay`);
  if (trimmed.startsWith("%"))
    throw new Error(`filter pattern ${JSON.stringify(text)}: regular expressions (%...%) are not supported by the replay`);
  return compileTerms(text, trimmed);
}

function evaluate(node: Node, json: unknown): boolean {
  switch (node.op) {
    case "and":
      return evaluate(node.left, json) && evaluate(node.right, json);
    case "or":
      return evaluate(node.left, json) || evaluate(node.right, json);
    case "test":
      return node.test(selectValue(json, node.selector));
  }
}

class JsonPatternParser {
  private i = 0;
  constructor(
    private readonly original: string,
    private readonly s: string,
  ) {}

  parse(): Node {
    this.expect("{");
    const node = this.or();
    this.expect("}");
    this.space();
    if (this.i !== this.s.length) this.fail(`unexpected "${this.s.slice(this.i)}" after the closing }`);
    return node;
  }

  private or(): Node {
    let left = this.and();
    while (this.eat("||")) left = { op: "or", left, right: this.and() };
    return left;
  }

  private and(): Node {
    let left = this.unary();
    while (this.eat("&&")) left = { op: "and", left, right: this.unary() };
    return left;
  }

  private unary(): Node {
    if (this.eat("(")) {
      const inner = this.or();
      this.expect(")");
      return inner;
    }
    this.space();
    const { selector, end } = readSelector(this.s, this.i, this.context());
    this.i = end;
    return { op: "test", selector, test: this.condition() };
  }

  /** What follows a selector: `IS TRUE|FALSE|NULL`, `NOT EXISTS`, or an operator and a value. */
  private condition(): (value: unknown) => boolean {
    this.space();
    const word = /^[A-Za-z]+/.exec(this.s.slice(this.i))?.[0].toUpperCase();
    if (word === "IS") {
      this.i += 2;
      this.space();
      const what = /^[A-Za-z]+/.exec(this.s.slice(this.i))?.[0].toUpperCase();
      this.i += what?.length ?? 0;
      if (what === "TRUE") return (v) => v === true;
      if (what === "FALSE") return (v) => v === false;
      if (what === "NULL") return (v) => v === null; // present and null; a missing field is NOT EXISTS
      return this.fail(`IS must be followed by TRUE, FALSE or NULL${what === "NOT" ? " (IS NOT is not supported by CloudWatch)" : ""}`);
    }
    if (word === "NOT") {
      this.i += 3;
      this.space();
      const what = /^[A-Za-z]+/.exec(this.s.slice(this.i))?.[0].toUpperCase();
      if (what !== "EXISTS") return this.fail("NOT must be followed by EXISTS");
      this.i += what.length;
      return (v) => v === ABSENT;
    }
    if (word === "EXISTS") return this.fail("EXISTS alone is not supported by CloudWatch; use = *");
    const op = /^(!=|<=|>=|=|<|>)/.exec(this.s.slice(this.i))?.[0];
    if (op === undefined) return this.fail("expected =, !=, <, >, <=, >=, IS or NOT EXISTS after the selector");
    this.i += op.length;
    this.space();
    return comparison(op, this.value(), (m) => this.fail(m));
  }

  private value(): Literal {
    if (this.s[this.i] === '"') {
      const close = this.s.indexOf('"', this.i + 1);
      if (close < 0) this.fail("unclosed string");
      const text = this.s.slice(this.i + 1, close);
      this.i = close + 1;
      return { quoted: true, text };
    }
    const raw = /^[^\s()}&|]+/.exec(this.s.slice(this.i))?.[0];
    if (raw === undefined) return this.fail("expected a value after the operator");
    if (raw.startsWith("%")) this.fail("regular expressions (%...%) are not supported by the replay");
    this.i += raw.length;
    return { quoted: false, text: raw };
  }

  private space(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }

  private eat(token: string): boolean {
    this.space();
    if (!this.s.startsWith(token, this.i)) return false;
    this.i += token.length;
    return true;
  }

  private expect(token: string): void {
    if (!this.eat(token)) this.fail(`expected "${token}"`);
  }

  private context(): string {
    return `filter pattern ${JSON.stringify(this.original)}`;
  }

  private fail(message: string): never {
    throw new Error(`${this.context()}: ${message} at position ${this.i}`);
  }
}

interface Literal {
  readonly quoted: boolean;
  readonly text: string;
}

const NUMBER = /^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/**
 * One comparison. Selectors must point at value nodes: "If a property selector points to an array or object, the
 * metric filter won't match", so `!=` never matches a missing field or an object. Numbers compare as numbers with a
 * numeric literal; strings compare whole (case-sensitive) with `*` as a wildcard; a bare `*` matches any string or number.
 */
function comparison(op: string, literal: Literal, fail: (m: string) => never): (value: unknown) => boolean {
  const numeric = !literal.quoted && NUMBER.test(literal.text);
  if (op !== "=" && op !== "!=" && !numeric) fail(`${op} needs a number, received ${literal.text}`);
  if (!literal.quoted && literal.text === "*") {
    if (op !== "=") fail(`${op} * is not supported by the replay; = * tests that a field holds a value`);
    return isValueNode;
  }
  if (numeric) {
    const n = Number(literal.text);
    const test = numericTest(op, n);
    return (v) => typeof v === "number" && test(v);
  }
  const glob = globMatcher(literal.text);
  const equal = (v: unknown): boolean => (typeof v === "string" ? glob(v) : typeof v === "number" ? glob(String(v)) : false);
  return op === "=" ? equal : (v) => isValueNode(v) && !equal(v);
}

function isValueNode(v: unknown): boolean {
  return typeof v === "string" || typeof v === "number";
}

function numericTest(op: string, n: number): (v: number) => boolean {
  switch (op) {
    case "=":
      return (v) => v === n;
    case "!=":
      return (v) => v !== n;
    case "<":
      return (v) => v < n;
    case ">":
      return (v) => v > n;
    case "<=":
      return (v) => v <= n;
    default:
      return (v) => v >= n;
  }
}

function globMatcher(text: string): (s: string) => boolean {
  if (!text.includes("*")) return (s) => s === text;
  const re = new RegExp(`^${text.split("*").map(escapeRegExp).join("[\\s\\S]*")}$`);
  return (s) => re.test(s);
}

/**
 * Terms for unstructured text: every plain term must appear, `-term` must not, `?term`s match when any appears —
 * and are ignored when mixed with plain terms, as AWS documents. A quoted phrase matches as a substring; an
 * unquoted term as a whole word (delimited by non-alphanumerics), which is how AWS's examples read.
 */
function compileTerms(original: string, trimmed: string): CompiledFilterPattern {
  const required: ((m: string) => boolean)[] = [];
  const excluded: ((m: string) => boolean)[] = [];
  const optional: ((m: string) => boolean)[] = [];
  const re = /([?-]?)(?:"([^"]*)"|(\S+))/g;
  for (const m of trimmed.matchAll(re)) {
    const [, prefix, phrase, word] = m;
    if (word?.includes('"')) throw new Error(`filter pattern ${JSON.stringify(original)}: unbalanced quotes in ${word}`);
    const test =
      phrase !== undefined
        ? phrase.trim() === ""
          ? () => true // `" "` matches everything
          : (msg: string) => msg.includes(phrase)
        : wordMatcher(word);
    (prefix === "-" ? excluded : prefix === "?" ? optional : required).push(test);
  }
  const useOptional = required.length === 0 && optional.length > 0;
  return {
    text: original,
    matches: (e) =>
      required.every((t) => t(e.message)) && !excluded.some((t) => t(e.message)) && (!useOptional || optional.some((t) => t(e.message))),
  };
}

function wordMatcher(word: string): (message: string) => boolean {
  const re = new RegExp(`(^|[^A-Za-z0-9_])${escapeRegExp(word)}($|[^A-Za-z0-9_])`);
  return (m) => re.test(m);
}
