import { configFrom, fixtureEnvironments } from "../support/environments";
import { resourcesOf, synthesized } from "../support/synth";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { LOG_SHIPPING_ACTIONS, logShippingPolicyDocument } from "../../lib/policy/log-shipping-policy";
import { asList, renderPolicyDocument, type PolicyDocument } from "../../lib/policy/policy-document";

describe("log-shipping-policy", () => {
  /** The shape logShippingPolicyDocument renders: every statement with a Sid and Action/Resource lists. */
  type ShippingPolicy = { Version: string; Statement: { Sid: string; Effect: string; Action: string[]; Resource: string[] }[] };

  const READ_OR_LIST = new Set(["logs:DescribeLogGroups", "logs:DescribeLogStreams"]);

  describe.each(fixtureEnvironments().map((c) => [c.name, c] as const))("%s: log shipping policy", (name, config) => {
    const { json, tf } = synthesized(config);
    // The Prometheus bridge's policies (where an environment mirrors series) are the sidecar's, tested with it.
    const policies = Object.entries(resourcesOf(tf, "aws_iam_policy"))
      .filter(([address]) => address.startsWith("log-shipping_"))
      .map(([, p]) => p);
    const doc = JSON.parse(policies[0].policy as string) as ShippingPolicy;
    const arnBase = `arn:aws:logs:${config.region}:${config.accountId}:log-group:`;
    const groupArns = Object.keys(config.services).map((s) => `${arnBase}/axonflow/${name}/${s}`);

    test("one policy, axonflow-<env>-log-shipping, whose document is plain JSON (no Terraform references)", () => {
      expect(policies).toHaveLength(1);
      expect(json).toHaveResourceWithProperties(IamPolicy, { name: `axonflow-${name}-log-shipping` });
      expect(policies[0].policy).not.toMatch(/\$\{/);
      expect(doc.Version).toBe("2012-10-17");
    });

    test("allows exactly the guide's actions, nothing denied, nothing added", () => {
      expect(doc.Statement.every((s) => s.Effect === "Allow")).toBe(true);
      const actions = doc.Statement.flatMap((s) => s.Action);
      // The guide's list, written out here: a test reading the code's own constant would pass if both grew.
      const guide = [
        "logs:CreateLogGroup",
        "logs:CreateLogStream",
        "logs:PutLogEvents",
        "logs:DescribeLogGroups",
        "logs:DescribeLogStreams",
      ];
      expect([...actions].sort()).toEqual([...guide].sort());
      expect([...LOG_SHIPPING_ACTIONS].sort()).toEqual([...guide].sort());
    });

    test("no write action has a wildcard resource; every resource names this account and region", () => {
      for (const s of doc.Statement) {
        for (const r of s.Resource) {
          expect(r.startsWith(`arn:aws:logs:${config.region}:${config.accountId}:log-group:`)).toBe(true);
          if (s.Action.some((a) => !READ_OR_LIST.has(a))) {
            expect(r).not.toBe("*");
            expect(r).not.toMatch(/log-group:\*/);
            expect(r).not.toMatch(/:\*:/);
          }
        }
      }
    });

    test("write actions reach only this environment's log groups and their streams", () => {
      const writes = doc.Statement.filter((s) => s.Action.some((a) => !READ_OR_LIST.has(a)));
      const resources = writes.flatMap((s) => s.Resource);
      // Both forms of each group: IAM evaluates CreateLogStream against `<group>:*`, CreateLogGroup against `<group>`.
      const create = doc.Statement.find((s) => s.Action.includes("logs:CreateLogStream"))!;
      expect([...create.Resource].sort()).toEqual(groupArns.flatMap((g) => [g, `${g}:*`]).sort());
      const allowed = new Set(groupArns.flatMap((g) => [g, `${g}:*`, `${g}:log-stream:*`]));
      expect(resources.filter((r) => !allowed.has(r))).toEqual([]);
      for (const r of resources) expect(r).toContain(`:log-group:/axonflow/${name}/`);
      const put = doc.Statement.find((s) => s.Action.includes("logs:PutLogEvents"))!;
      expect(put.Action).toEqual(["logs:PutLogEvents"]);
      expect([...put.Resource].sort()).toEqual(groupArns.map((g) => `${g}:log-stream:*`).sort());
    });

    test("DescribeLogGroups, alone in its statement, gets the account+region log-group wildcard AWS requires", () => {
      const describe = doc.Statement.filter((s) => s.Action.includes("logs:DescribeLogGroups"));
      expect(describe).toHaveLength(1);
      expect(describe[0].Action).toEqual(["logs:DescribeLogGroups"]);
      expect(describe[0].Resource).toEqual([`${arnBase}*`]);
    });

    test("outputs: log group names and the policy ARN, with stable names", () => {
      expect(tf.output?.log_group_names.value).toEqual(Object.keys(config.services).map((s) => `/axonflow/${name}/${s}`));
      expect(tf.output?.log_shipping_policy_arn.value).toMatch(/^\$\{aws_iam_policy\.log-shipping_policy_[0-9A-F]{8}\.arn\}$/);
    });
  });

  describe("policy document", () => {
    const env = { region: "us-east-1", accountId: "111122223333" };

    test("another environment's groups are never granted", () => {
      const text = JSON.stringify(logShippingPolicyDocument(env, ["/axonflow/staging/agent"]));
      expect(text).not.toContain("/axonflow/production");
      expect(text).not.toContain("/axonflow/*");
    });

    test("the ARN partition follows the region", () => {
      const gov = logShippingPolicyDocument({ region: "us-gov-west-1", accountId: "111122223333" }, ["/axonflow/x/agent"]);
      const cn = logShippingPolicyDocument({ region: "cn-north-1", accountId: "111122223333" }, ["/axonflow/x/agent"]);
      expect(asList(gov.Statement[0].Resource)[0]).toBe("arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:/axonflow/x/agent");
      expect(asList(cn.Statement[0].Resource)[0]).toMatch(/^arn:aws-cn:logs:cn-north-1:/);
    });

    test("the synthesized policy follows the environment's services", () => {
      const { tf } = synthesized(configFrom({ services: { billing: {} } }));
      const doc = JSON.parse(Object.values(resourcesOf(tf, "aws_iam_policy"))[0].policy as string) as ShippingPolicy;
      const put = doc.Statement.find((s) => s.Action.includes("logs:PutLogEvents"))!;
      expect(put.Resource).toEqual(["arn:aws:logs:eu-west-1:111122223333:log-group:/axonflow/test/billing:log-stream:*"]);
    });

    test.each<[string, PolicyDocument, RegExp]>([
      [
        "a Terraform token",
        {
          Version: "2012-10-17",
          Statement: [{ Sid: "A", Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: ["${TfToken[TOKEN.1]}"] }],
        },
        /Terraform token/,
      ],
      [
        "a Sid with punctuation",
        { Version: "2012-10-17", Statement: [{ Sid: "a-b", Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: ["arn:x"] }] },
        /letters and digits/,
      ],
      [
        "a statement without resources",
        { Version: "2012-10-17", Statement: [{ Sid: "A", Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: [] }] },
        /at least one action and one resource/,
      ],
      [
        "more text than IAM allows",
        logShippingPolicyDocument(
          env,
          Array.from({ length: 60 }, (_, i) => `/axonflow/big/service-${i}`),
        ),
        /at most 6144/,
      ],
    ])("refuses to render %s", (_, doc, message) => {
      expect(() => renderPolicyDocument(doc)).toThrow(message);
    });
  });
});
