import { Naming } from "../lib/naming";
import { configFrom, problemsFor } from "./support/environments";
import { escapeRegExp } from "../lib/regexp";
import { resourcesOf, synthesized } from "./support/synth";

describe("Naming", () => {
  test.each([
    ["staging", ["high-error-rate"], "axonflow-staging-high-error-rate"],
    ["staging", ["log-silence", "agent"], "axonflow-staging-log-silence-agent"],
    // Nothing merged: the service `agent-agent` must not share the alarm of the service `agent`.
    ["staging", ["log-silence", "agent-agent"], "axonflow-staging-log-silence-agent-agent"],
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
    const { tf } = synthesized(configFrom({}, "environments/page.yaml"));
    const names = [
      ...Object.values(resourcesOf(tf, "aws_cloudwatch_metric_alarm")).map((a) => a.alarm_name),
      ...Object.values(resourcesOf(tf, "aws_cloudwatch_composite_alarm")).map((a) => a.alarm_name),
      ...Object.values(resourcesOf(tf, "aws_sns_topic")).map((t) => t.name),
    ];
    expect(names).toContain("axonflow-page-page");
    expect(names).toContain("axonflow-page-alerts");
    for (const name of names) expect(name).toMatch(/^axonflow-page-/);
  });

  test("services whose keys differ only in hyphens or repeated words get distinct alarms (a fuzz finding: `v` and `v-`)", () => {
    const { tf } = synthesized(configFrom({ services: { agent: {}, "agent-agent": {} } }));
    const names = Object.values(resourcesOf(tf, "aws_cloudwatch_metric_alarm")).map((a) => a.alarm_name);
    expect(names).toEqual(expect.arrayContaining(["axonflow-test-log-silence-agent", "axonflow-test-log-silence-agent-agent"]));
    expect(new Set(names).size).toBe(names.length);
  });

  test.each(["v-", "a--b", "-a"])("the service key %j is rejected: it would name the same resources as its tidy form", (key) => {
    expect(problemsFor({ services: { [key]: {} } })).toEqual([
      expect.stringMatching(new RegExp(`^environments/test\\.yaml: services\\.${escapeRegExp(key)}: invalid key "${escapeRegExp(key)}": service names are lowercase letters and digits, words joined by single hyphens`)),
    ]);
  });
});
