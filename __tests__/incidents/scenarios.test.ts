import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { replayEnvironments, synthesizedEnvironments } from "../../replay/replay-stacks";
import { expectationText } from "../../replay/run-scenario";
import { loadScenarios } from "../../replay/scenarios/load-scenarios";
import type { ScenarioOutcome } from "../../replay/run-scenario";
import { fixtureEnvironments } from "../support/environments";
import { synthesizeInto } from "../support/synth";

/**
 * The alarm catalog against every scenario of replay/scenarios, as `npm run replay` runs them: the fixture
 * environments synthesized into a cdktf.out as the app does, read back from cdk.tf.json (what deploys), the world's day
 * published as AWS would, the alarms evaluated under CloudWatch's rules, the notifications judged against what
 * on-call needs. A scenario that fails changes the catalog or the world's fidelity, never its expectation.
 */
const work = mkdtempSync(join(tmpdir(), "axonflow-replay-"));
let outcomes: ScenarioOutcome[] = [];

beforeAll(() => {
  const outdir = join(work, "cdktf.out");
  synthesizeInto(outdir, fixtureEnvironments());
  outcomes = replayEnvironments(synthesizedEnvironments(outdir), loadScenarios(join(__dirname, "..", "..", "replay", "scenarios")));
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

test("every scenario runs on the environments of its kind: both fixture environments are replayed", () => {
  expect(new Set(outcomes.map((o) => o.environment))).toEqual(new Set(["production", "staging"]));
  expect(outcomes.length).toBeGreaterThanOrEqual(14);
});

// One test per scenario and environment, named by what on-call needs from it.
const cases = ["production", "staging"].flatMap((environment) =>
  loadScenarios(join(__dirname, "..", "..", "replay", "scenarios"))
    .filter((s) => s.environments === "all" || s.environments.includes(environment))
    .map((s) => [s.name, environment, expectationText(s.expectations[environment])] as const),
);
test.each(cases)("%s on %s: %s", (scenario, environment) => {
  const outcome = outcomes.find((o) => o.scenario === scenario && o.environment === environment);
  expect(outcome?.problems).toEqual([]);
});
