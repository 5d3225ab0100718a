import { Naming } from "../lib/naming";
import { configFrom } from "./support/environments";
import { resourcesOf, synthStack } from "./support/synth";

describe("Naming", () => {
  test.each([
    ["staging", ["high-error-rate"], "axonflow-staging-high-error-rate"],
    ["staging", ["log-silence", "silence-agent"], "axonflow-staging-log-silence-agent"],
    // The environment's own name is never merged with what follows it.
    ["page", ["page"], "axonflow-page-page"],
    ["alerts", ["alerts"], "axonflow-alerts-alerts"],
    ["prod-page", ["page"], "axonflow-prod-page-page"],
  ])("%s + %j → %s", (env, parts, expected) => expect(new Naming(env).resource(...parts)).toBe(expected));

  test("log groups, dashboard, metric namespace and query folder carry the environment", () => {
    const n = new Naming("qa");
    expect([n.logGroup("agent"), n.dashboard, n.metricNamespace, n.queryName("Error Analysis")]).toEqual([
      "/axonflow/qa/agent",
      "AxonFlow-qa",
      "AxonFlow/qa",
      "AxonFlow/qa/Error Analysis",
    ]);
  });

  test("an environment named like a resource synthesizes, every name inside axonflow-<env>-*", () => {
    const { tf } = synthStack(configFrom({}, "environments/page.yaml"));
    const names = [
      ...Object.values(resourcesOf(tf, "aws_cloudwatch_metric_alarm")).map((a) => a.alarm_name),
      ...Object.values(resourcesOf(tf, "aws_cloudwatch_composite_alarm")).map((a) => a.alarm_name),
      ...Object.values(resourcesOf(tf, "aws_sns_topic")).map((t) => t.name),
    ];
    expect(names).toContain("axonflow-page-page");
    expect(names).toContain("axonflow-page-alerts");
    for (const name of names) expect(name).toMatch(/^axonflow-page-/);
  });
});
