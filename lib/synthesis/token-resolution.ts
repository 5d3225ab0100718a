import { DefaultTokenResolver, StringConcat, Token } from "cdktf";
import {
  BEGIN_LIST_TOKEN_MARKER,
  BEGIN_MAP_TOKEN_MARKER,
  BEGIN_STRING_TOKEN_MARKER,
  extractTokenDouble,
} from "cdktf/lib/tokens/private/encoding";
import { resolve } from "cdktf/lib/tokens/private/resolve";
import type { IConstruct } from "constructs";

/**
 * cdktf's `resolve(scope, value)` with one difference in cost, none in result: a part of `value` that holds
 * no token is copied as it is (undefined left out, as cdktf does) instead of being walked by cdktf's resolver,
 * which builds a context with closures for every key and value it visits. A resource's output is mostly such
 * parts, and skipping them is most of the saving (docs/performance.md). Every
 * part that may hold a token or that cdktf refuses — a marker in a string or key, an encoded number, an object
 * with `resolve()`, a construct, anything not a plain object or array — goes to cdktf's own resolver, whole
 * (an array with any such element too: cdktf decides list tokens on the whole array), with the path to it, so
 * its errors name the same place (`at '/resource/aws_sns_topic/…'`) and its depth limit holds. The encoding and
 * that resolver are cdktf's private modules; cdktf is pinned and archived (0.21.0 is its last release), and
 * `__tests__/synthesis/synthesis.test.ts` compares the two on random values with tokens of every kind.
 */
export function resolveTokens(scope: IConstruct, value: unknown): unknown {
  return resolveAt(scope, value, []);
}

/** cdktf's own resolver, set up as `cdktf/lib/_tokens` sets it up, plus the path (which only cdktf's errors read). */
function cdktfResolve(scope: IConstruct, value: unknown, path: readonly string[]): unknown {
  return resolve(value, { scope, preparing: false, resolver: TOKEN_RESOLVER, prefix: [...path] });
}
const TOKEN_RESOLVER = new DefaultTokenResolver(new StringConcat());
/** cdktf gives up deeper than this (a circular reference, it says); handing over lets it say so. */
const CDKTF_MAX_DEPTH = 200;

/** `path` is the keys down to `value`, pushed and popped in place: copied only when cdktf needs it. */
function resolveAt(scope: IConstruct, value: unknown, path: string[]): unknown {
  if (path.length > CDKTF_MAX_DEPTH) return cdktfResolve(scope, value, path);
  switch (typeof value) {
    case "string":
      return isPlainString(value) ? value : cdktfResolve(scope, value, path);
    case "number":
      return isPlainNumber(value) ? value : cdktfResolve(scope, value, path);
    case "boolean":
    case "undefined":
      return value;
    case "object":
      if (value === null) return null;
      if (Array.isArray(value)) return isPlainArray(value) ? resolveArray(scope, value, path) : cdktfResolve(scope, value, path);
      return isPlainObject(value) ? resolveObject(scope, value, path) : cdktfResolve(scope, value, path);
    default:
      return cdktfResolve(scope, value, path);
  }
}

function resolveArray(scope: IConstruct, values: readonly unknown[], path: string[]): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < values.length; i++) {
    path.push(`${i}`);
    const r = resolveAt(scope, values[i], path);
    path.pop();
    if (r !== undefined) out.push(r);
  }
  return out;
}

function resolveObject(scope: IConstruct, obj: Record<string, unknown>, path: string[]): unknown {
  const keys = Object.keys(obj);
  if (!keys.every(isPlainString)) return cdktfResolve(scope, obj, path);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    path.push(key);
    const r = resolveAt(scope, obj[key], path);
    path.pop();
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

/** A plain Array (cdktf's map() keeps a subclass) of which no element is a list token, or may be one. */
function isPlainArray(xs: readonly unknown[]): boolean {
  return Object.getPrototypeOf(xs) === Array.prototype && xs.every(isPlainScalar);
}

function isPlainScalar(x: unknown): boolean {
  if (typeof x === "string") return isPlainString(x);
  if (typeof x === "number") return isPlainNumber(x);
  return true;
}

/**
 * An object literal: not a token (`resolve()`), a Date or any other class instance, nor what cdktf takes for a
 * construct (it checks `_children` and `_metadata`, and refuses to resolve one).
 */
function isPlainObject(x: object): x is Record<string, unknown> {
  const proto = Object.getPrototypeOf(x) as unknown;
  const o = x as { resolve?: unknown; _children?: unknown; _metadata?: unknown };
  return (
    (proto === Object.prototype || proto === null) &&
    typeof o.resolve !== "function" &&
    (o._children === undefined || o._metadata === undefined)
  );
}
