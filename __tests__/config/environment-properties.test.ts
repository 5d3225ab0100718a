import fc from "fast-check";
import { stringify } from "yaml";
import { loadFromText } from "../../lib/config/load";
import { environmentSchema } from "../../lib/config/schema";
import { anyEnvironment, validEnvironment } from "../support/environment-arbitraries";
import { STACK_TRACE } from "../support/bad-corpus";
import { synthStack } from "../support/synth";

/**
 * For any environment file: either it is rejected with problems that each name the file and a field
 * (or "(root)"/a YAML line), or it synthesizes a stack that passes every guard rail. Never a crash.
 */
const FILE = "environments/fuzz.yaml";
// Where: a field path starting at a top-level key (the schema's or the invented one), "(root)", "(file)" or a YAML line.
const FIELDS = [...Object.keys(environmentSchema.shape), "unknownKey"].map((k) => k.replace(/\$/g, "\\$")).join("|");
const PROBLEM = new RegExp(`^environments/fuzz\\.yaml: (\\(root\\)|\\(file\\)|line \\d+, column \\d+|(${FIELDS})(\\..*?)?): \\S`);
// Each valid sample synthesizes a whole stack (~15 ms cold). 60 per local `npm test` keep the unit part fast;
// CI (.ci/run) sets AXONFLOW_FUZZ_RUNS=600, and AXONFLOW_FUZZ_RUNS=5000 (say) searches deeper before a release.
// Every run draws a new seed, so the runs add up across pushes.
const RUNS = Number(process.env.AXONFLOW_FUZZ_RUNS ?? 60);
// Scales with the runs: ~20 ms each at worst on a busy machine, and never below the default 5 s.
const TIMEOUT_MS = Math.max(5_000, RUNS * 20);

function check(data: Record<string, unknown>): void {
  const result = loadFromText(FILE, stringify(data));
  if (!result.ok) {
    expect(result.problems.length).toBeGreaterThan(0);
    for (const p of result.problems) {
      expect(p).toMatch(PROBLEM);
      expect(p).not.toMatch(STACK_TRACE);
    }
    return;
  }
  // synthStack runs the validations, i.e. every guard rail; a failure throws and fails the property.
  const { tf } = synthStack(result.config);
  const names = (type: string) => Object.values(tf.resource[type] ?? {}).map((r) => r.name);
  expect(names("aws_sns_topic")).toContain(`axonflow-${result.config.name}-alerts`);
  expect(names("aws_cloudwatch_log_group").sort()).toEqual(Object.keys(result.config.services).map((s) => `/axonflow/${result.config.name}/${s}`).sort());
}

test("random environment files: rejected with file + field, or a stack that passes every guard rail", () => {
  fc.assert(fc.property(anyEnvironment, check), { numRuns: RUNS });
}, TIMEOUT_MS);

test("random valid environment files always synthesize, with the guard rails passing", () => {
  fc.assert(
    fc.property(validEnvironment, (data) => {
      const result = loadFromText(FILE, stringify(data));
      if (!result.ok) throw new Error(`a valid-by-construction file was rejected:\n${result.problems.join("\n")}`);
      check(data);
    }),
    { numRuns: Math.ceil(RUNS / 3) },
  );
}, TIMEOUT_MS);
