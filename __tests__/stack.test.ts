import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { environmentJsonSchema } from "../lib/config/json-schema";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { configFrom, fixtureEnvironments } from "./support/environments";
import { Testing } from "cdktf";
import { resourcesOf, synthesized, synthStack, type TerraformJson } from "./support/synth";

describe.each(fixtureEnvironments().map((c) => [c.name, c] as const))("%s stack", (name, config) => {
  const { json, tf } = synthesized(config);

  // Most tests read the shared output; a fresh synth (after every file before this one in the worker) must equal it.
  test("a fresh synth gives the shared output, byte for byte", () => {
    expect(synthStack(config).json).toBe(json);
  });

  test("provider: region from the file, pinned to the account, default tags", () => {
    expect(json).toHaveProviderWithProperties(AwsProvider, {
      region: config.region,
      allowed_account_ids: [config.accountId],
      default_tags: [{ tags: expect.objectContaining({ Environment: name, Application: "AxonFlow", ManagedBy: "cdktf" }) }],
    });
  });

  test("log groups are the /axonflow/<env>/<service> tree; no root /axonflow/<env> group", () => {
    const names = Object.values(resourcesOf(tf, "aws_cloudwatch_log_group")).map((g) => g.name);
    expect(names.sort()).toEqual(Object.keys(config.services).map((s) => `/axonflow/${name}/${s}`).sort());
    expect(json).not.toHaveResourceWithProperties(CloudwatchLogGroup, { name: `/axonflow/${name}` });
  });

  test("alert and paging topics with one e-mail subscription per listed address", () => {
    expect(json).toHaveResourceWithProperties(SnsTopic, { name: `axonflow-${name}-alerts` });
    const endpointsOf = (topic: string) =>
      Object.values(resourcesOf(tf, "aws_sns_topic_subscription"))
        .filter((s) => String(s.topic_arn).startsWith(`\${aws_sns_topic.${topic}_topic_`))
        .map((s) => s.endpoint)
        .sort();
    expect(endpointsOf("alerts")).toEqual([...config.alerts.emails].sort());
    expect(endpointsOf("pages")).toEqual([...config.paging.emails].sort());
    for (const email of config.alerts.emails) {
      expect(json).toHaveResourceWithProperties(SnsTopicSubscription, {
        protocol: "email",
        endpoint: email,
        topic_arn: expect.stringMatching(/^\$\{aws_sns_topic\.alerts_topic_[0-9A-F]+\.arn\}$/),
      });
    }
  });
});

describe("environment-driven structure", () => {
  test("subscriptions are keyed by address, so reordering the list changes no address", () => {
    const a = synthesized(configFrom({ alerts: { emails: ["a@example.com", "b@example.com"] } })).tf;
    const b = synthesized(configFrom({ alerts: { emails: ["b@example.com", "a@example.com"] } })).tf;
    expect(Object.keys(resourcesOf(a, "aws_sns_topic_subscription")).sort()).toEqual(Object.keys(resourcesOf(b, "aws_sns_topic_subscription")).sort());
  });

  test("no e-mail addresses and no paging alarm: no subscriptions", () => {
    const ticketOnly = { errorRate: { severity: "ticket" }, logSilence: { severity: "ticket" } };
    const { tf } = synthesized(configFrom({ alerts: { emails: [] }, paging: undefined, alarms: ticketOnly }));
    expect(Object.keys(resourcesOf(tf, "aws_sns_topic_subscription"))).toHaveLength(0);
  });

  test("an added environment file becomes a stack with its own names", () => {
    const { json } = synthesized(configFrom({}, "environments/eu-prod.yaml"));
    expect(json).toHaveResourceWithProperties(SnsTopic, { name: "axonflow-eu-prod-alerts" });
    expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, { name: "/axonflow/eu-prod/agent" });
  });
});

test("environments/environment.schema.json is the export of the current schema (run `npm run schema`)", () => {
  expect(readFileSync(join(__dirname, "..", "environments", "environment.schema.json"), "utf8")).toBe(environmentJsonSchema());
});

test("a synth after an override sees it: the checked output is reused by one write only", () => {
  const { stack } = synthStack(configFrom());
  const topic = stack.node.findAll().find((c) => c.node.path.endsWith("/alerts/topic")) as unknown as { addOverride(path: string, value: unknown): void };
  topic.addOverride("display_name", "AxonFlow alerts");
  const again = JSON.parse(Testing.synth(stack, true)) as TerraformJson;
  expect(Object.values(resourcesOf(again, "aws_sns_topic")).map((t) => t.display_name)).toContain("AxonFlow alerts");
});

test("…and the checked output is not reused once a construct was added after the checks", () => {
  const { stack } = synthStack(configFrom());
  stack.synthesizeForChecks();
  new SnsTopic(stack, "added-after-checks", { name: "axonflow-test-late" });
  const tf = JSON.parse(Testing.synth(stack)) as TerraformJson;
  expect(Object.values(resourcesOf(tf, "aws_sns_topic")).map((t) => t.name)).toContain("axonflow-test-late");
});
