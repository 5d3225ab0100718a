import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { ALERTS_TOPIC_ARN, alarmNames, fixtureCases } from "./support/alarms";
import { configFrom } from "./support/environments";
import { synthesized } from "./support/synth";

describe.each(fixtureCases())("%s: ecs-restarts alarms", (name, config) => {
  const { json, tf } = synthesized(config);
  const ecsServices = Object.entries(config.services).filter(([, s]) => s.ecsServiceName !== undefined);

  test("one per ECS service (agent, orchestrator), none for services off ECS", () => {
    expect(ecsServices.map(([k]) => k)).toEqual(["agent", "orchestrator"]);
    expect(alarmNames(tf).filter((n) => n.includes("-ecs-restarts-")).sort()).toEqual(ecsServices.map(([k]) => `axonflow-${name}-ecs-restarts-${k}`).sort());
  });

  test.each(["agent", "orchestrator"])("%s: RestartCount with BOTH ClusterName and ServiceName, Sum, notBreaching", (service) => {
    expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: `axonflow-${name}-ecs-restarts-${service}`,
      namespace: "ECS/ContainerInsights",
      metric_name: "RestartCount",
      // Exact set: the guide's ServiceName-only dimension matches no Container Insights series.
      dimensions: { ClusterName: config.ecs.clusterName, ServiceName: config.services[service].ecsServiceName },
      statistic: "Sum",
      period: 300,
      evaluation_periods: 1,
      comparison_operator: "GreaterThanThreshold",
      threshold: config.alarms.ecsRestarts.thresholdCount,
      treat_missing_data: "notBreaching",
      alarm_actions: [expect.stringMatching(ALERTS_TOPIC_ARN)],
      ok_actions: [expect.stringMatching(ALERTS_TOPIC_ARN)],
      alarm_description: expect.stringMatching(new RegExp(`Runbook: ${config.runbookBaseUrl}#ecs-restarts$`)),
    });
  });
});

describe("ecs-restarts configuration", () => {
  test("service and cluster names come from the environment file", () => {
    const config = configFrom({ ecs: { clusterName: "blue" }, services: { agent: { ecsServiceName: "agent-v2" }, worker: {} } });
    const { json, tf } = synthesized(config);
    expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
      alarm_name: "axonflow-test-ecs-restarts-agent",
      dimensions: { ClusterName: "blue", ServiceName: "agent-v2" },
    });
    expect(alarmNames(tf).filter((n) => n.includes("ecs-restarts"))).toEqual(["axonflow-test-ecs-restarts-agent"]);
  });
});
