import { readdirSync } from "node:fs";
import { ENVIRONMENTS_DIR, shippedEnvironments } from "./support/environments";
import { synthesized } from "./support/synth";

/**
 * The user's environment files, whichever they are: every one loads, is named after its file and synthesizes
 * with the guard rails on. Behaviour is tested on fixtures elsewhere; this file only iterates what is there.
 */
const files = readdirSync(ENVIRONMENTS_DIR).filter((f) => /\.ya?ml$/.test(f)).sort();
const configs = shippedEnvironments();

test("at least one environment file, and one stack per file", () => {
  expect(files.length).toBeGreaterThan(0);
  expect(configs.map((c) => c.sourceFile.replace(/^.*[\\/]/, "")).sort()).toEqual(files);
});

describe.each(configs.map((c) => [c.name, c] as const))("%s", (name, config) => {
  const { tf } = synthesized(config);

  test("synthesizes with the guard rails on, into one stack named after the environment", () => {
    expect(tf.output?.dashboard_url.value).toContain(`AxonFlow-${name}`);
  });

  test("every alarm carries the environment's prefix", () => {
    const alarms = [...Object.values(tf.resource.aws_cloudwatch_metric_alarm ?? {}), ...Object.values(tf.resource.aws_cloudwatch_composite_alarm ?? {})];
    expect(alarms.length).toBeGreaterThan(0);
    for (const a of alarms) expect(a.alarm_name).toMatch(new RegExp(`^axonflow-${name}-`));
  });
});
