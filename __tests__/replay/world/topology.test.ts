import { metricFiltersFromStack } from "../../../replay/world/metric-filter-definitions";
import { stackJsonFromText } from "../../../replay/world/stack-json";
import { topologyFromStack } from "../../../replay/world/topology";
import { AGENT_TG, at, CLUSTER, FIXTURE_FILE, LB, PORTAL_TG, stackObject, stackOf, stackWith } from "./stack-fixture";

const OUT = "output.monitored_resources.value";

describe("topology", () => {
  describe("topology from the stack's monitored_resources output", () => {
    test("services, their resources, topics and subscriptions as written in the stack", () => {
      const t = topologyFromStack(stackOf(stackObject()));
      expect({ file: t.file, region: t.region, loadBalancer: t.loadBalancer, cluster: t.cluster }).toEqual({
        file: FIXTURE_FILE,
        region: "us-east-1",
        loadBalancer: LB,
        cluster: CLUSTER,
      });
      expect(t.services).toEqual([
        {
          name: "agent",
          role: "public",
          logGroup: "/axonflow/production/agent",
          ecsService: "axonflow-agent",
          targetGroup: AGENT_TG,
          writesHeartbeats: false,
          logsEachRequest: true,
          logFormat: "guide-json",
        },
        {
          name: "orchestrator",
          role: "internal",
          calledBy: "agent",
          logGroup: "/axonflow/production/orchestrator",
          ecsService: "axonflow-orchestrator",
          writesHeartbeats: false,
          logsEachRequest: true,
          logFormat: "guide-json",
        },
        {
          name: "customer-portal",
          role: "public",
          logGroup: "/axonflow/production/customer-portal",
          targetGroup: PORTAL_TG,
          writesHeartbeats: false,
          logsEachRequest: false,
          logFormat: "guide-json",
        },
      ]);
      expect(t.topics).toEqual({ alerts: "axonflow-production-alerts", pages: "axonflow-production-pages" });
      expect(t.subscriptionsPerTopic).toEqual({ "axonflow-production-alerts": 1, "axonflow-production-pages": 2 });
    });

    test("a stack without the output: the error names the file and the output, and says what it must hold", () => {
      expect(() => topologyFromStack(stackWith((j) => delete j.output))).toThrow(`${FIXTURE_FILE}: ${OUT}: missing`);
    });

    test.each([
      ["a malformed ALB suffix", (j: Record<string, unknown>) => (at(j, OUT).load_balancer = "my-alb"), `${OUT}.load_balancer`],
      ["a missing cluster", (j: Record<string, unknown>) => delete at(j, OUT).cluster, `${OUT}.cluster`],
      [
        "writes_heartbeats missing",
        (j: Record<string, unknown>) => delete at(j, `${OUT}.services.agent`).writes_heartbeats,
        `${OUT}.services.agent.writes_heartbeats`,
      ],
      ["an unknown role", (j: Record<string, unknown>) => (at(j, `${OUT}.services.agent`).role = "agent"), `${OUT}.services.agent.role`],
      [
        "a target group that is an ARN, not a suffix",
        (j: Record<string, unknown>) => (at(j, `${OUT}.services.agent`).target_group = "arn:aws:elasticloadbalancing:x"),
        `${OUT}.services.agent.target_group`,
      ],
      ["a misspelt key", (j: Record<string, unknown>) => (at(j, `${OUT}.services.agent`).ecs_servce = "x"), `${OUT}.services.agent`],
      ["the alerts topic missing", (j: Record<string, unknown>) => delete at(j, `${OUT}.topics`).alerts, `${OUT}.topics.alerts`],
      ["no services", (j: Record<string, unknown>) => (at(j, OUT).services = {}), `${OUT}.services`],
    ])("rejects %s, naming the file and the field", (_, edit, field) => {
      expect(() => topologyFromStack(stackWith(edit))).toThrow(`${FIXTURE_FILE}: ${field}:`);
    });

    test("no pages topic: an environment without a paging route", () => {
      expect(topologyFromStack(stackWith((j) => delete at(j, `${OUT}.topics`).pages)).topics).toEqual({ alerts: expect.any(String) });
    });

    test("a file that is not JSON is named", () => {
      expect(() => stackJsonFromText("x/cdk.tf.json", "{ not json")).toThrow("x/cdk.tf.json: not JSON");
    });
  });

  describe("the stack's metric filters", () => {
    test("log groups are resolved through cdktf's references; values, defaults and dimensions are read", () => {
      const filters = metricFiltersFromStack(stackOf(stackObject()));
      expect(filters).toHaveLength(6);
      const errors = filters.find((f) => f.name === "errors-agent");
      expect(errors).toMatchObject({
        logGroupName: "/axonflow/production/agent",
        namespace: "AxonFlow/production",
        metricName: "ErrorCount-agent",
        value: { literal: 1 },
        defaultValue: 0,
        dimensions: {},
      });
      expect(errors?.pattern.text).toBe('{ $.level = "error" }');
      const tokens = filters.find((f) => f.name === "tokens-orchestrator");
      expect(tokens?.logGroupName).toBe("/axonflow/production/orchestrator");
      expect(tokens?.defaultValue).toBeUndefined();
      expect(tokens?.value).toEqual({ selector: { text: "$.tokens_used", steps: [{ key: "tokens_used" }] } });
      expect(tokens?.dimensions).toEqual({ Model: { selector: { text: "$.model", steps: [{ key: "model" }] } } });
    });

    const FILTER = "resource.aws_cloudwatch_log_metric_filter.errors_lg_agent_1";
    const filter = (j: Record<string, unknown>) => at(j, FILTER);
    test.each([
      [
        "a reference to a log group the stack lacks",
        (j: Record<string, unknown>) => (filter(j).log_group_name = "${aws_cloudwatch_log_group.gone.name}"),
        `${FILTER}.log_group_name`,
      ],
      [
        "a pattern the replay cannot evaluate",
        (j: Record<string, unknown>) => (filter(j).pattern = "%ERROR%"),
        `${FILTER}.pattern: filter pattern "%ERROR%"`,
      ],
      [
        "default_value together with dimensions (CloudWatch refuses it)",
        (j: Record<string, unknown>) => (at(j, `${FILTER}.metric_transformation`).dimensions = { Model: "$.model" }),
        `${FILTER}.metric_transformation`,
      ],
      [
        "a space-delimited value",
        (j: Record<string, unknown>) => (at(j, `${FILTER}.metric_transformation`).value = "$bytes"),
        `${FILTER}.metric_transformation.value`,
      ],
      [
        "a default value that is no number",
        (j: Record<string, unknown>) => (at(j, `${FILTER}.metric_transformation`).default_value = "zero"),
        `${FILTER}.metric_transformation.default_value`,
      ],
    ])("rejects %s, naming the file and the field", (_, edit, field) => {
      expect(() => metricFiltersFromStack(stackWith(edit))).toThrow(`${FIXTURE_FILE}: ${field}`);
    });
  });
});
