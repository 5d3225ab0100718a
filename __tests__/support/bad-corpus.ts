import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "../../lib/config/errors";
import { loadAllEnvironments } from "../../lib/config/load";

/** The bad-input corpus: every file must be rejected with file and field (see __tests__/config/bad-input.test.ts). */
export const BAD_DIR = join(__dirname, "..", "fixtures", "bad");
/** Two files that each name the same environment. */
export const PAIR_DIR = join(BAD_DIR, "duplicate-names");
/** The corpus's single files, sorted. */
export const BAD_FIXTURES = readdirSync(BAD_DIR)
  .filter((f) => statSync(join(BAD_DIR, f)).isFile())
  .sort();
/** A JavaScript stack frame: user-facing problems must never carry one. */
export const STACK_TRACE = /\n\s+at .+:\d+/;

/** The problems of the ConfigError that loading every environment file of `dir` must throw. */
export function problemsLoadingAll(dir: string): readonly string[] {
  try {
    loadAllEnvironments(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).problems;
  }
  throw new Error(`${dir}: loaded without a ConfigError`);
}
