import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { configFrom, fixtureEnvironments, problemsFor } from "../support/environments";
import { resourceWhere, resourcesOf, synthesized } from "../support/synth";

describe("log-groups", () => {
  const KEY = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

  describe.each(fixtureEnvironments().map((c) => [c.name, c] as const))("%s: service log groups", (name, config) => {
    const { json, tf } = synthesized(config);
    // ServiceLogGroups' own groups, not the Prometheus bridge's.
    const serviceGroups = () =>
      Object.fromEntries(
        Object.entries(resourcesOf(tf, "aws_cloudwatch_log_group")).filter(([address]) => address.startsWith("log-groups_")),
      );

    test("one group per service, named /axonflow/<env>/<service>, with retention and tags", () => {
      const services = Object.keys(config.services);
      expect(Object.keys(serviceGroups())).toHaveLength(services.length);
      for (const service of services) {
        expect(json).toHaveResourceWithProperties(CloudwatchLogGroup, {
          name: `/axonflow/${name}/${service}`,
          retention_in_days: config.services[service].retentionDays ?? config.logs.retentionDays,
          tags: { Environment: name, Application: "AxonFlow" },
        });
      }
    });

    test("protection follows the file's logs.protect", () => {
      for (const group of Object.values(serviceGroups())) {
        if (config.logs.protect) {
          expect(group).toMatchObject({ skip_destroy: true, lifecycle: { prevent_destroy: true } });
        } else {
          expect(group.skip_destroy).toBe(false);
          expect(group.lifecycle).toBeUndefined();
        }
      }
    });
  });

  test("the fixture files protect production and not staging", () => {
    const byName = Object.fromEntries(fixtureEnvironments().map((c) => [c.name, c.logs.protect]));
    expect(byName).toEqual({ production: true, staging: false });
  });

  describe("log group configuration", () => {
    test("protection is on by default: a new environment must opt out", () => {
      expect(configFrom().logs.protect).toBe(true);
      const group = resourceWhere(synthesized(configFrom()).tf, "aws_cloudwatch_log_group", "name", "/axonflow/test/agent");
      expect(group).toMatchObject({ skip_destroy: true, lifecycle: { prevent_destroy: true } });
    });

    test("a per-service retention overrides the environment's for that service only", () => {
      const { tf } = synthesized(
        configFrom({ logs: { retentionDays: 30 }, services: { agent: { retentionDays: 365 }, orchestrator: {} } }),
      );
      expect(resourceWhere(tf, "aws_cloudwatch_log_group", "name", "/axonflow/test/agent").retention_in_days).toBe(365);
      expect(resourceWhere(tf, "aws_cloudwatch_log_group", "name", "/axonflow/test/orchestrator").retention_in_days).toBe(30);
    });

    test("services listed in the file decide the tree; construct ids are the service names", () => {
      const { tf } = synthesized(configFrom({ services: { billing: {} } }));
      const groups = resourcesOf(tf, "aws_cloudwatch_log_group");
      expect(Object.values(groups).map((g) => g.name)).toEqual(["/axonflow/test/billing"]);
      expect(Object.keys(groups)[0]).toMatch(/^log-groups_billing_[0-9A-F]{8}$/);
    });

    test("no KMS key by default; a key ARN encrypts every group", () => {
      const plain = Object.values(resourcesOf(synthesized(configFrom()).tf, "aws_cloudwatch_log_group"));
      expect(plain.every((g) => g.kms_key_id === undefined)).toBe(true);
      const encrypted = Object.values(resourcesOf(synthesized(configFrom({ logs: { kmsKeyArn: KEY } })).tf, "aws_cloudwatch_log_group"));
      expect(encrypted).toHaveLength(3);
      expect(encrypted.every((g) => g.kms_key_id === KEY)).toBe(true);
    });

    test("another account's key is accepted where logs.kmsKeyCrossAccount says it is meant", () => {
      const shared = KEY.replace("111122223333", "444455556666");
      const groups = Object.values(
        resourcesOf(synthesized(configFrom({ logs: { kmsKeyArn: shared, kmsKeyCrossAccount: true } })).tf, "aws_cloudwatch_log_group"),
      );
      expect(groups.every((g) => g.kms_key_id === shared)).toBe(true);
    });

    test.each<[string, Record<string, unknown>, string, RegExp]>([
      [
        "a per-service retention CloudWatch rejects",
        { services: { agent: { retentionDays: 45 } } },
        "services.agent.retentionDays",
        /45 is not a CloudWatch retention; allowed: 1, 3, 5/,
      ],
      [
        "a per-service retention of zero (never expire)",
        { services: { agent: { retentionDays: 0 } } },
        "services.agent.retentionDays",
        /0 is not a CloudWatch retention/,
      ],
      ["protect that is not a boolean", { logs: { protect: "yes" } }, "logs.protect", /boolean/],
      [
        "a KMS alias instead of a key ARN",
        { logs: { kmsKeyArn: "arn:aws:kms:eu-west-1:111122223333:alias/logs" } },
        "logs.kmsKeyArn",
        /KMS key ARN .*not an alias/,
      ],
      ["a bare KMS key id", { logs: { kmsKeyArn: "1234abcd-12ab-34cd-56ef-1234567890ab" } }, "logs.kmsKeyArn", /KMS key ARN/],
      [
        "a KMS key in another region",
        { logs: { kmsKeyArn: KEY.replace("eu-west-1", "us-east-1") } },
        "logs.kmsKeyArn",
        /key is in us-east-1; .*allowed: a key in eu-west-1/,
      ],
      [
        "another account's KMS key (a copied file's)",
        { logs: { kmsKeyArn: KEY.replace("111122223333", "444455556666") } },
        "logs.kmsKeyArn",
        /key belongs to account 444455556666, not this environment's accountId 111122223333; allowed: a key of 111122223333, or logs.kmsKeyCrossAccount: true/,
      ],
    ])("rejects %s", (_, patch, field, rule) => {
      const mine = problemsFor(patch).filter((p) => p.startsWith(`environments/test.yaml: ${field}: `));
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatch(rule);
    });
  });
});
