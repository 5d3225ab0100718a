import { stackJsonFromText, type StackJson } from "../../../replay/world/stack-json";

/**
 * A hand-made `cdk.tf.json` shaped as cdktf writes it: log groups, metric filters referring to them by
 * `${aws_cloudwatch_log_group.<address>.name}`, SNS topics with subscriptions, and the `monitored_resources` output.
 */
export const FIXTURE_FILE = "fixture/stacks/production/cdk.tf.json";
export const LB = "app/axonflow-prod/1234567890abcdef";
export const AGENT_TG = "targetgroup/axonflow-agent/0123456789abcdef";
export const PORTAL_TG = "targetgroup/axonflow-portal/fedcba9876543210";
export const CLUSTER = "axonflow-production";

type Json = Record<string, unknown>;

/** As AxonFlow's services are: no heartbeat lines (platform/agent/run.go, platform/orchestrator/run.go). */
/** Its metric filters below read the guide's JSON, so its services write that. */
const QUIET_WHEN_IDLE = { writes_heartbeats: false, log_format: "guide-json" };

function metricFilter(name: string, group: string, pattern: string, transformation: Json): Json {
  return { name, log_group_name: `\${aws_cloudwatch_log_group.${group}.name}`, pattern, metric_transformation: transformation };
}

export function stackObject(): Json {
  const groups = { agent: "lg_agent_1", orchestrator: "lg_orch_2", "customer-portal": "lg_portal_3" } as const;
  const filters: Json = {};
  for (const [service, address] of Object.entries(groups)) {
    filters[`errors_${address}`] = metricFilter(`errors-${service}`, address, '{ $.level = "error" }', {
      namespace: "AxonFlow/production",
      name: `ErrorCount-${service}`,
      value: "1",
      default_value: "0",
      unit: "Count",
    });
    filters[`tokens_${address}`] = metricFilter(`tokens-${service}`, address, "{ ($.tokens_used = *) && ($.model = *) }", {
      namespace: "AxonFlow/production",
      name: "TokensUsed",
      value: "$.tokens_used",
      dimensions: { Model: "$.model" },
      unit: "Count",
    });
  }
  return {
    resource: {
      aws_cloudwatch_log_group: Object.fromEntries(Object.entries(groups).map(([s, a]) => [a, { name: `/axonflow/production/${s}` }])),
      aws_cloudwatch_log_metric_filter: filters,
      aws_sns_topic: { alerts_t: { name: "axonflow-production-alerts" }, pages_t: { name: "axonflow-production-pages" } },
      aws_sns_topic_subscription: {
        s1: { topic_arn: "${aws_sns_topic.alerts_t.arn}", protocol: "email" },
        s2: { topic_arn: "${aws_sns_topic.pages_t.arn}", protocol: "email" },
        s3: { topic_arn: "${aws_sns_topic.pages_t.arn}", protocol: "https" },
      },
    },
    output: {
      monitored_resources: {
        value: {
          region: "us-east-1",
          load_balancer: LB,
          cluster: CLUSTER,
          services: {
            agent: {
              role: "public",
              log_group: "/axonflow/production/agent",
              ecs_service: "axonflow-agent",
              target_group: AGENT_TG,
              ...QUIET_WHEN_IDLE,
              logs_each_request: true,
            },
            orchestrator: {
              role: "internal",
              called_by: "agent",
              log_group: "/axonflow/production/orchestrator",
              ecs_service: "axonflow-orchestrator",
              ...QUIET_WHEN_IDLE,
              logs_each_request: true,
            },
            "customer-portal": {
              role: "public",
              log_group: "/axonflow/production/customer-portal",
              target_group: PORTAL_TG,
              ...QUIET_WHEN_IDLE,
              logs_each_request: false,
            },
          },
          topics: { alerts: "axonflow-production-alerts", pages: "axonflow-production-pages" },
        },
      },
    },
  };
}

export function stackOf(json: Json, file = FIXTURE_FILE): StackJson {
  return stackJsonFromText(file, JSON.stringify(json));
}

/** The fixture with one change made by `edit` (which may mutate the copy it is given). */
export function stackWith(edit: (json: Json) => void): StackJson {
  const json = stackObject();
  edit(json);
  return stackOf(json);
}

/** The value at a dotted path of nested objects, for edits in tests. */
export function at(json: Json, path: string): Json {
  return path.split(".").reduce<Json>((node, key) => node[key] as Json, json);
}
