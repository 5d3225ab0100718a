import { Token } from "cdktf";
import { resolve } from "cdktf/lib/_tokens";
import { BEGIN_LIST_TOKEN_MARKER, BEGIN_MAP_TOKEN_MARKER, BEGIN_STRING_TOKEN_MARKER, extractTokenDouble } from "cdktf/lib/tokens/private/encoding";
import type { IConstruct } from "constructs";

/**
 * cdktf's `resolve(scope, value)` with one difference in cost, none in result: a part of `value` that holds
 * no token is copied as it is (undefined left out, as cdktf does) instead of being walked by cdktf's resolver,
 * which builds a context with closures for every key and value it visits. A resource's output is mostly such
 * parts; resolving was ~2.9 ms of an environment's ~9 ms synthesis, this takes ~0.7 (BENCHMARKS.md). Every
 * part that may hold a token — a marker in a string or key, an encoded number, an object with `resolve()`,
 * anything not a plain object or array — goes to cdktf's own `resolve`, whole: an array with any such element
 * too, since cdktf decides list tokens on the whole array. The encoding is read from cdktf's private encoding
 * module; cdktf is pinned and archived (0.21.0 is its last release), and `__tests__/token-resolution.test.ts`
 * compares the two on random values with tokens of every kind.
 */
export function resolveTokens(scope: IConstruct, value: unknown): unknown {
  switch (typeof value) {
    case "string":
      return isPlainString(value) ? value : resolve(scope, value);
    case "number":
      return isPlainNumber(value) ? value : resolve(scope, value);
    case "boolean":
    case "undefined":
      return value;
    case "object":
      if (value === null) return null;
      if (Array.isArray(value)) return value.every(isPlainScalar) ? resolveArray(scope, value) : resolve(scope, value);
      return isPlainObject(value) ? resolveObject(scope, value) : resolve(scope, value);
    default:
      return resolve(scope, value);
  }
}

function resolveArray(scope: IConstruct, values: readonly unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of values) {
    const r = resolveTokens(scope, v);
    if (r !== undefined) out.push(r);
  }
  return out;
}

function resolveObject(scope: IConstruct, obj: Record<string, unknown>): unknown {
  const keys = Object.keys(obj);
  if (!keys.every(isPlainString)) return resolve(scope, obj);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const r = resolveTokens(scope, obj[key]);
    if (r !== undefined) out[key] = r;
  }
  return out;
}

/** What cdktf's number-token pattern needs to match (`[-|\d|.\+]+(e[-|\d|.|e|E|\+]+)`): these three characters. */
const NUMBER_TOKEN_IN_STRING = /[-|\d.+]e[-|\d.eE+]/;

function isPlainString(s: string): boolean {
  return (
    !s.includes(BEGIN_STRING_TOKEN_MARKER) &&
    !s.includes(BEGIN_LIST_TOKEN_MARKER) &&
    !s.includes(BEGIN_MAP_TOKEN_MARKER) &&
    s !== Token.STRING_MAP_TOKEN_VALUE &&
    s !== Token.ANY_MAP_TOKEN_VALUE &&
    !NUMBER_TOKEN_IN_STRING.test(s)
  );
}

function isPlainNumber(n: number): boolean {
  return n !== Token.NUMBER_MAP_TOKEN_VALUE && extractTokenDouble(n, false) === undefined && extractTokenDouble(n, true) === undefined;
}

function isPlainScalar(x: unknown): boolean {
  if (typeof x === "string") return isPlainString(x);
  if (typeof x === "number") return isPlainNumber(x);
  return true;
}

/** An object literal: not a token (`resolve()`), a construct, a Date or any other class instance. */
function isPlainObject(x: object): x is Record<string, unknown> {
  const proto = Object.getPrototypeOf(x) as unknown;
  return (proto === Object.prototype || proto === null) && typeof (x as { resolve?: unknown }).resolve !== "function";
}
