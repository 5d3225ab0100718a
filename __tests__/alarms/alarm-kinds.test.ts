import { alarmNamed, alarmNames } from "../support/alarms";
import { configFrom, fixtureEnvironment } from "../support/environments";
import { synthesized } from "../support/synth";

/** What makes each kind correct in cdk.tf.json: metric, exact dimension set, statistic, comparison, missing data. */
const production = fixtureEnvironment("production");
const { tf } = synthesized(production);
const named = (what: string) => alarmNamed(tf, `axonflow-production-${what}`);
const queries = (what: string) => named(what).metric_query as { id: string; expression?: string; return_data: boolean; metric?: Record<string, unknown> }[];
const lb = production.alb.arnSuffix;

test("target-health: HealthyHostCount Minimum of {LoadBalancer, TargetGroup} below the service's minimum, missing = breaching", () => {
  expect(named("target-health-agent")).toMatchObject({
    namespace: "AWS/ApplicationELB",
    metric_name: "HealthyHostCount",
    dimensions: { LoadBalancer: lb, TargetGroup: production.services.agent.targetGroupArnSuffix },
    statistic: "Minimum",
    period: 60,
    comparison_operator: "LessThanThreshold",
    threshold: production.services.agent.minHealthyTargets,
    treat_missing_data: "breaching",
  });
  // Only services behind the load balancer have one.
  expect(alarmNames(tf).filter((n) => n.includes("target-health")).sort()).toEqual(["axonflow-production-target-health-agent", "axonflow-production-target-health-customer-portal"]);
});

test("running-tasks: desired − running from Container Insights {ClusterName, ServiceName} above 0, missing (no task at all) = breaching", () => {
  const dims = { ClusterName: production.ecs.clusterName, ServiceName: "axonflow-orchestrator" };
  expect(queries("running-tasks-orchestrator")).toEqual([
    { id: "missing", expression: "desired - running", label: "Tasks short of desired", return_data: true },
    { id: "running", return_data: false, metric: { namespace: "ECS/ContainerInsights", metric_name: "RunningTaskCount", dimensions: dims, stat: "Average", period: 60 } },
    { id: "desired", return_data: false, metric: { namespace: "ECS/ContainerInsights", metric_name: "DesiredTaskCount", dimensions: dims, stat: "Average", period: 60 } },
  ]);
  expect(named("running-tasks-orchestrator")).toMatchObject({ comparison_operator: "GreaterThanThreshold", threshold: 0, treat_missing_data: "breaching", evaluation_periods: 10, datapoints_to_alarm: 4 });
});

test("error-rate: FILLed 5xx over FILLed answers (requests + ELB 5xx), 0 below the minimum volume", () => {
  const q = queries("error-rate");
  expect(q.find((x) => x.id === "answers")?.expression).toBe("FILL(requests, 0) + FILL(elb5xx, 0)");
  expect(q.find((x) => x.id === "errors")?.expression).toBe("FILL(target5xx, 0) + FILL(elb5xx, 0)");
  expect(q.find((x) => x.id === "rate")).toMatchObject({ expression: `IF(answers >= ${production.alarms.errorRate.minRequests}, 100 * errors / answers, 0)`, return_data: true });
  expect(q.filter((x) => x.return_data).map((x) => x.id)).toEqual(["rate"]);
  expect(q.flatMap((x) => (x.metric ? [x.metric.metric_name] : []))).toEqual(["RequestCount", "HTTPCode_Target_5XX_Count", "HTTPCode_ELB_5XX_Count"]);
});

test("burn rate: the windows of the SRE workbook, thresholds burn × budget of the objective", () => {
  // 99.9 % objective: a 0.1 % budget; fast 14.4× = 1.44 %, slow 6× = 0.6 %.
  const windows = { "burn-rate-fast-1h": [3600, 1.44], "burn-rate-fast-5m": [300, 1.44], "burn-rate-slow-6h": [21600, 0.6], "burn-rate-slow-30m": [1800, 0.6] };
  for (const [what, [period, threshold]] of Object.entries(windows)) {
    expect({ what, threshold: named(what).threshold, periods: queries(what).flatMap((x) => (x.metric ? [x.metric.period] : [])) }).toEqual({ what, threshold, periods: [period, period, period] });
  }
  // The short windows breach in either of their last two periods (no flapping near the threshold); the long ones in their one.
  expect(["burn-rate-fast-1h", "burn-rate-fast-5m", "burn-rate-slow-6h", "burn-rate-slow-30m"].map((w) => [named(w).evaluation_periods, named(w).datapoints_to_alarm])).toEqual([[1, 1], [2, 1], [1, 1], [2, 1]]);
  const { tf: other } = synthesized(configFrom({ alarms: { burnRate: { objectivePercent: 99 } } }));
  expect(alarmNamed(other, "axonflow-test-burn-rate-fast-1h").threshold).toBe(14.4);
});

test("latency: p95 / p99 of TargetResponseTime in seconds; low-sample periods keep the state", () => {
  expect(named("high-latency")).toMatchObject({ metric_name: "TargetResponseTime", extended_statistic: "p95", threshold: 5, evaluate_low_sample_count_percentiles: "ignore", treat_missing_data: "notBreaching" });
  expect(named("high-latency-p99")).toMatchObject({ extended_statistic: "p99", threshold: 10, evaluate_low_sample_count_percentiles: "ignore" });
});

test("log-silence: only for services that log continuously; IncomingLogEvents below 1 per 3 min, 3 of 3, missing = breaching", () => {
  expect(alarmNames(tf).filter((n) => n.includes("log-silence")).sort()).toEqual(["axonflow-production-log-silence-agent", "axonflow-production-log-silence-orchestrator"]);
  expect(named("log-silence-agent")).toMatchObject({
    namespace: "AWS/Logs",
    metric_name: "IncomingLogEvents",
    dimensions: { LogGroupName: "/axonflow/production/agent" },
    statistic: "Sum",
    period: 180,
    evaluation_periods: 3,
    datapoints_to_alarm: 3,
    comparison_operator: "LessThanThreshold",
    threshold: 1,
    treat_missing_data: "breaching",
  });
});

test("error-logs: the error-count filter's metric as a share of the log group's lines", () => {
  const q = queries("error-logs-agent");
  expect(q.find((x) => x.id === "errors")?.metric).toMatchObject({ namespace: "AxonFlow/production", metric_name: "ErrorCount-agent", dimensions: {} });
  expect(q.find((x) => x.id === "lines")?.metric).toMatchObject({ namespace: "AWS/Logs", metric_name: "IncomingLogEvents", dimensions: { LogGroupName: "/axonflow/production/agent" } });
  expect(q.find((x) => x.id === "share")?.expression).toBe("IF(FILL(lines, 0) >= 50, 100 * FILL(errors, 0) / FILL(lines, 0), 0)");
});

test("memory (Maximum) and CPU (Average) from AWS/ECS per service; nothing reported while no task runs = not breaching", () => {
  const dims = { ClusterName: production.ecs.clusterName, ServiceName: "axonflow-agent" };
  expect(named("memory-agent")).toMatchObject({ namespace: "AWS/ECS", metric_name: "MemoryUtilization", dimensions: dims, statistic: "Maximum", threshold: 80, treat_missing_data: "notBreaching" });
  expect(named("cpu-agent")).toMatchObject({ namespace: "AWS/ECS", metric_name: "CPUUtilization", dimensions: dims, statistic: "Average", threshold: 90 });
});

test("no-traffic: FILLed answers (requests + ELB 5xx) below 1 per 5 min for 15 min, missing = breaching", () => {
  expect(queries("no-traffic").map((x) => [x.id, x.expression ?? x.metric?.metric_name, x.return_data])).toEqual([
    ["answers", "FILL(requests, 0) + FILL(elb5xx, 0)", true],
    ["requests", "RequestCount", false],
    ["elb5xx", "HTTPCode_ELB_5XX_Count", false],
  ]);
  expect(named("no-traffic")).toMatchObject({ comparison_operator: "LessThanThreshold", threshold: 1, evaluation_periods: 3, datapoints_to_alarm: 3, treat_missing_data: "breaching" });
});

test("request-anomaly (opt-in): a band around FILLed RequestCount, both directions, missing = not breaching", () => {
  const { tf: opted } = synthesized(configFrom({ alarms: { requestAnomaly: { enabled: true } } }));
  const a = alarmNamed(opted, "axonflow-test-request-anomaly");
  expect((a.metric_query as { id: string; expression?: string; metric?: { metric_name: string }; return_data: boolean }[]).map((x) => [x.id, x.expression ?? x.metric?.metric_name, x.return_data])).toEqual([
    ["filled", "FILL(requests, 0)", true],
    ["band", "ANOMALY_DETECTION_BAND(filled, 3)", true],
    ["requests", "RequestCount", false],
  ]);
  expect(a).toMatchObject({ threshold_metric_id: "band", comparison_operator: "LessThanLowerOrGreaterThanUpperThreshold", treat_missing_data: "notBreaching" });
  expect(a.threshold).toBeUndefined();
  expect(alarmNames(tf)).not.toContain("axonflow-production-request-anomaly");
});

test("runbook links: <repositoryUrl>/docs/runbooks/<kind>.md, or <runbookBaseUrl>#<kind> when a site is given", () => {
  const { tf: repo } = synthesized(configFrom({ runbookBaseUrl: undefined, repositoryUrl: "https://github.com/acme/cw/blob/main" }));
  expect(alarmNamed(repo, "axonflow-test-error-rate").alarm_description).toMatch(/ Runbook: https:\/\/github\.com\/acme\/cw\/blob\/main\/docs\/runbooks\/error-rate\.md#error-rate$/);
  const { tf: site } = synthesized(configFrom());
  expect(alarmNamed(site, "axonflow-test-error-rate").alarm_description).toMatch(/ Runbook: https:\/\/runbooks\.example\.com\/axonflow#error-rate$/);
});
