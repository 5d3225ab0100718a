import { join } from "node:path";
import { stringify } from "yaml";
import { loadAllEnvironments, loadFromText } from "../../lib/config/load";
import type { EnvironmentConfig } from "../../lib/config/schema";

/**
 * The user's environment files: `environments/`, or AXONFLOW_ENVIRONMENTS_DIR as for main.ts (the
 * environment-independence test points it at a copy with a third environment). Only tests of the shipped files
 * read these, iterating over whatever is there; every other test uses the fixtures below.
 */
export const ENVIRONMENTS_DIR = process.env.AXONFLOW_ENVIRONMENTS_DIR ?? join(__dirname, "..", "..", "environments");
export const shippedEnvironments = (): EnvironmentConfig[] => loadAllEnvironments(ENVIRONMENTS_DIR);

/** Fixture environments of the tests' own (a production-like and a staging-like file), whatever the user keeps. */
export const FIXTURE_ENVIRONMENTS_DIR = join(__dirname, "..", "fixtures", "environments");
// Loaded once per test file (many tests ask for them); frozen, so a test that edits one throws instead of changing
// what the next test reads.
let fixtures: readonly EnvironmentConfig[] | undefined;
export const fixtureEnvironments = (): EnvironmentConfig[] => [...(fixtures ??= deepFreeze(loadAllEnvironments(FIXTURE_ENVIRONMENTS_DIR)))];
/** One fixture environment by name (`production`, `staging`). */
export function fixtureEnvironment(name: string): EnvironmentConfig {
  const found = fixtureEnvironments().find((c) => c.name === name);
  if (!found) throw new Error(`no fixture environment ${name} in ${FIXTURE_ENVIRONMENTS_DIR}`);
  return found;
}

/** A minimal valid environment file as data; tests patch it to make good and bad variants. */
export function baseEnvironment(): Record<string, unknown> {
  return {
    accountId: "111122223333",
    region: "eu-west-1",
    alb: { arnSuffix: "app/axonflow-test/0123456789abcdef" },
    ecs: { clusterName: "axonflow-test" },
    alerts: { emails: ["oncall@example.com"] },
    paging: { emails: ["pager@example.com"] },
    runbookBaseUrl: "https://runbooks.example.com/axonflow",
  };
}

/** Deep-merges `patch` into the base file; a value of `undefined` removes the key. */
export function environmentWith(
  patch: Record<string, unknown>,
  base: Record<string, unknown> = baseEnvironment(),
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k];
    else if (isPlainObject(v) && isPlainObject(out[k])) out[k] = environmentWith(v, out[k] as Record<string, unknown>);
    else out[k] = v;
  }
  return out;
}

/** Loads a config from data as if it were `environments/<file>`; throws with the problems if invalid. */
export function configFrom(patch: Record<string, unknown> = {}, file = "environments/test.yaml"): EnvironmentConfig {
  // Many tests build the same file (the base, a common patch): each distinct one is loaded once per test file.
  const key = memoKey(file, patch);
  let config = configs.get(key);
  if (!config) {
    const result = loadFromText(file, stringify(environmentWith(patch)));
    if (!result.ok) throw new Error(result.problems.join("\n"));
    config = deepFreeze(result.config);
    configs.set(key, config);
  }
  return config;
}
const configs = new Map<string, EnvironmentConfig>();

/** The problems reported for a patched file (empty if it is valid). */
export function problemsFor(patch: Record<string, unknown>, file = "environments/test.yaml"): string[] {
  const result = loadFromText(file, stringify(environmentWith(patch)));
  return result.ok ? [] : result.problems;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Freezes `value` all the way down: shared test data that a test edits throws instead of changing for the next. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** A key for memoizing on plain data: equal data, equal key; `undefined` is kept apart from a key left out. */
export function memoKey(...parts: unknown[]): string {
  return JSON.stringify(parts, (_, v: unknown) => (v === undefined ? { $undefined: true } : v));
}

/**
 * A copy of an environment file as a user makes a new environment of it (README, "Environments"): another region,
 * and its own load balancer, target groups and cluster. A copy that keeps them is refused (two files, one ALB).
 */
export function asNewEnvironment(text: string, region = "eu-west-1"): string {
  return text
    .replace(/^name:.*$/m, "")
    .replace(/^region:.*$/m, `region: ${region}`)
    .replace(/\b[0-9a-f]{16}\b/g, (id) => [...id].reverse().join(""))
    .replace(/^(\s*clusterName:\s*)(\S+)/m, `$1$2-${region}`);
}
