import { expectedTrafficExpression } from "../../lib/alarms/kinds/no-traffic";
import { alarmNamed, alarmNames } from "../support/alarms";
import { configFrom, fixtureEnvironment } from "../support/environments";
import { synthesized } from "../support/synth";

describe("alarm kinds", () => {
  /** What makes each kind correct in cdk.tf.json: metric, exact dimension set, statistic, comparison, missing data. */
  const production = fixtureEnvironment("production");
  const { tf } = synthesized(production);
  const named = (what: string) => alarmNamed(tf, `axonflow-production-${what}`);
  const queries = (what: string) =>
    named(what).metric_query as { id: string; expression?: string; return_data: boolean; metric?: Record<string, unknown> }[];
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
    expect(
      alarmNames(tf)
        .filter((n) => n.includes("target-health"))
        .sort(),
    ).toEqual(["axonflow-production-target-health-agent", "axonflow-production-target-health-customer-portal"]);
  });

  test("running-tasks: desired − running from Container Insights {ClusterName, ServiceName} above 0, missing (no task at all) = breaching", () => {
    const dims = { ClusterName: production.ecs.clusterName, ServiceName: "axonflow-orchestrator" };
    expect(queries("running-tasks-orchestrator")).toEqual([
      { id: "missing", expression: "desired - running", label: "Tasks short of desired", return_data: true },
      {
        id: "running",
        return_data: false,
        metric: { namespace: "ECS/ContainerInsights", metric_name: "RunningTaskCount", dimensions: dims, stat: "Average", period: 60 },
      },
      {
        id: "desired",
        return_data: false,
        metric: { namespace: "ECS/ContainerInsights", metric_name: "DesiredTaskCount", dimensions: dims, stat: "Average", period: 60 },
      },
    ]);
    expect(named("running-tasks-orchestrator")).toMatchObject({
      comparison_operator: "GreaterThanThreshold",
      threshold: 0,
      treat_missing_data: "breaching",
      evaluation_periods: 10,
      datapoints_to_alarm: 4,
    });
  });

  test("target-error-rate: the portal's own 5xx over its own target group's requests, FILLed, 0 below 20 requests", () => {
    const tg = { LoadBalancer: production.alb.arnSuffix, TargetGroup: production.services["customer-portal"].targetGroupArnSuffix };
    const series = (name: string) => ({ namespace: "AWS/ApplicationELB", metric_name: name, dimensions: tg, stat: "Sum", period: 300 });
    expect(queries("target-error-rate-customer-portal")).toEqual([
      {
        id: "rate",
        expression: "IF(FILL(requests, 0) >= 20, 100 * FILL(target5xx, 0) / FILL(requests, 0), 0)",
        label: "5xx % of customer-portal's requests",
        return_data: true,
      },
      { id: "requests", return_data: false, metric: series("RequestCount") },
      { id: "target5xx", return_data: false, metric: series("HTTPCode_Target_5XX_Count") },
    ]);
    expect(named("target-error-rate-customer-portal")).toMatchObject({
      comparison_operator: "GreaterThanThreshold",
      threshold: 5,
      treat_missing_data: "notBreaching",
      evaluation_periods: 3,
      datapoints_to_alarm: 2,
    });
  });

  test("tasks-below-floor: RunningTaskCount Minimum below the service's minRunningTasks, 2 of 3 min, missing = breaching", () => {
    expect(named("tasks-below-floor-agent")).toMatchObject({
      namespace: "ECS/ContainerInsights",
      metric_name: "RunningTaskCount",
      dimensions: { ClusterName: production.ecs.clusterName, ServiceName: "axonflow-agent" },
      statistic: "Minimum",
      period: 60,
      comparison_operator: "LessThanThreshold",
      threshold: production.services.agent.minRunningTasks,
      treat_missing_data: "breaching",
      evaluation_periods: 3,
      datapoints_to_alarm: 2,
    });
    const { tf: raised } = synthesized(configFrom({ services: { agent: { ecsServiceName: "axonflow-agent", minRunningTasks: 3 } } }));
    expect(
      Object.values(raised.resource.aws_cloudwatch_metric_alarm).find((r) => r.alarm_name === "axonflow-test-tasks-below-floor-agent"),
    ).toMatchObject({ threshold: 3 });
  });

  test("error-rate: FILLed 5xx over FILLed answers (requests + ELB 5xx), 0 below the minimum volume", () => {
    const q = queries("error-rate");
    // RequestCount holds the 502s and 504s (a target was chosen); only the no-target 503s are outside it.
    expect(q.find((x) => x.id === "answers")?.expression).toBe("FILL(requests, 0) + FILL(elb503, 0)");
    expect(q.find((x) => x.id === "errors")?.expression).toBe("FILL(target5xx, 0) + FILL(elb5xx, 0)");
    expect(q.find((x) => x.id === "rate")).toMatchObject({
      expression: `IF(answers >= ${production.alarms.errorRate.minRequests}, 100 * errors / answers, 0)`,
      return_data: true,
    });
    expect(q.filter((x) => x.return_data).map((x) => x.id)).toEqual(["rate"]);
    expect(q.flatMap((x) => (x.metric ? [x.metric.metric_name] : []))).toEqual([
      "RequestCount",
      "HTTPCode_Target_5XX_Count",
      "HTTPCode_ELB_5XX_Count",
      "HTTPCode_ELB_503_Count",
    ]);
  });

  test("burn rate: the windows of the SRE workbook, thresholds burn × budget of the objective", () => {
    // 99.9 % objective: a 0.1 % budget; fast 14.4× = 1.44 %, slow 6× = 0.6 %.
    const windows = {
      "burn-rate-fast-1h": [3600, 1.44],
      "burn-rate-fast-5m": [300, 1.44],
      "burn-rate-slow-6h": [21600, 0.6],
      "burn-rate-slow-30m": [1800, 0.6],
    };
    for (const [what, [period, threshold]] of Object.entries(windows)) {
      expect({
        what,
        threshold: named(what).threshold,
        periods: queries(what).flatMap((x) => (x.metric ? [x.metric.period] : [])),
      }).toEqual({ what, threshold, periods: [period, period, period, period] });
    }
    // The short windows breach in any of their last three periods (no flapping near the threshold); the long ones in their one.
    expect(
      ["burn-rate-fast-1h", "burn-rate-fast-5m", "burn-rate-slow-6h", "burn-rate-slow-30m"].map((w) => [
        named(w).evaluation_periods,
        named(w).datapoints_to_alarm,
      ]),
    ).toEqual([
      [1, 1],
      [3, 1],
      [1, 1],
      [3, 1],
    ]);
    const { tf: other } = synthesized(configFrom({ alarms: { burnRate: { objectivePercent: 99 } } }));
    expect(alarmNamed(other, "axonflow-test-burn-rate-fast-1h").threshold).toBe(14.4);
  });

  test("latency: p95 / p99 of TargetResponseTime in seconds; low-sample periods keep the state", () => {
    expect(named("high-latency")).toMatchObject({
      metric_name: "TargetResponseTime",
      extended_statistic: "p95",
      threshold: 5,
      evaluate_low_sample_count_percentiles: "ignore",
      treat_missing_data: "notBreaching",
    });
    expect(named("high-latency-p99")).toMatchObject({
      extended_statistic: "p99",
      threshold: 10,
      evaluate_low_sample_count_percentiles: "ignore",
    });
  });

  test("target-latency: the service's own p95 from its target group, 0 below 20 requests; a service's own threshold wins", () => {
    const tg = { LoadBalancer: production.alb.arnSuffix, TargetGroup: production.services["customer-portal"].targetGroupArnSuffix };
    const series = (name: string, stat: string) => ({
      namespace: "AWS/ApplicationELB",
      metric_name: name,
      dimensions: tg,
      stat,
      period: 300,
    });
    expect(queries("target-latency-customer-portal")).toEqual([
      {
        id: "latency",
        expression: "IF(FILL(requests, 0) >= 20, FILL(p95, 0), 0)",
        label: "p95 response time of customer-portal (s)",
        return_data: true,
      },
      { id: "requests", return_data: false, metric: series("RequestCount", "Sum") },
      { id: "p95", return_data: false, metric: series("TargetResponseTime", "p95") },
    ]);
    expect(named("target-latency-agent")).toMatchObject({
      comparison_operator: "GreaterThanThreshold",
      threshold: 5,
      treat_missing_data: "notBreaching",
      evaluation_periods: 3,
      datapoints_to_alarm: 2,
    });
    const portal = { ...production.services["customer-portal"], latencyThresholdSeconds: 1.5 };
    const { tf: own } = synthesized({ ...production, services: { ...production.services, "customer-portal": portal } });
    expect([
      alarmNamed(own, "axonflow-production-target-latency-customer-portal").threshold,
      alarmNamed(own, "axonflow-production-target-latency-agent").threshold,
    ]).toEqual([1.5, 5]);
  });

  test("load-balancer errors: each cause's count over answers (RequestCount + the 503s outside it), 0 below 50 answers", () => {
    const lb = { LoadBalancer: production.alb.arnSuffix };
    const series = (name: string) => ({ namespace: "AWS/ApplicationELB", metric_name: name, dimensions: lb, stat: "Sum", period: 300 });
    const share = { id: "share", expression: "IF(answers >= 50, 100 * FILL(errors, 0) / answers, 0)", return_data: true };
    for (const [what, metric] of [
      ["elb-502", "HTTPCode_ELB_502_Count"],
      ["elb-504", "HTTPCode_ELB_504_Count"],
      ["elb-target-connection-errors", "TargetConnectionErrorCount"],
    ]) {
      expect({ what, q: queries(what) }).toEqual({
        what,
        q: [
          { id: "answers", expression: "FILL(requests, 0) + FILL(elb503, 0)", label: expect.any(String), return_data: false },
          { ...share, label: expect.any(String) },
          { id: "requests", return_data: false, metric: series("RequestCount") },
          { id: "elb503", return_data: false, metric: series("HTTPCode_ELB_503_Count") },
          { id: "errors", return_data: false, metric: series(metric) },
        ],
      });
    }
    // The 503s are themselves the answers outside RequestCount: fetched once.
    expect(queries("elb-503").find((x) => x.id === "share")?.expression).toBe("IF(answers >= 50, 100 * FILL(elb503, 0) / answers, 0)");
    expect(queries("elb-503").flatMap((x) => (x.metric ? [x.metric.metric_name] : []))).toEqual(["RequestCount", "HTTPCode_ELB_503_Count"]);
    expect(named("elb-504")).toMatchObject({
      comparison_operator: "GreaterThanThreshold",
      threshold: 1,
      treat_missing_data: "notBreaching",
      evaluation_periods: 3,
      datapoints_to_alarm: 2,
    });
  });

  test("log-silence: for services that log each request, periods serving requests without a log line; the caller's requests for an internal one", () => {
    expect(
      alarmNames(tf)
        .filter((n) => n.includes("log-silence"))
        .sort(),
    ).toEqual(["axonflow-production-log-silence-agent", "axonflow-production-log-silence-orchestrator"]);
    expect(named("log-silence-agent")).toMatchObject({
      evaluation_periods: 3,
      datapoints_to_alarm: 3,
      comparison_operator: "GreaterThanThreshold",
      threshold: 0,
      treat_missing_data: "notBreaching",
    });
    const tgOf = (alarm: string) => queries(alarm).find((x) => x.id === "requests")?.metric?.dimensions;
    const agentTg = production.services.agent.targetGroupArnSuffix;
    // The orchestrator is reached only through the agent: the agent's requests are its traffic.
    expect([tgOf("log-silence-agent"), tgOf("log-silence-orchestrator")]).toEqual(
      [0, 1].map(() => ({ LoadBalancer: production.alb.arnSuffix, TargetGroup: agentTg })),
    );
    expect(queries("log-silence-orchestrator").find((x) => x.id === "lines")?.metric).toMatchObject({
      metric_name: "IncomingLogEvents",
      dimensions: { LogGroupName: "/axonflow/production/orchestrator" },
      period: 180,
    });
    expect(queries("log-silence-agent").find((x) => x.id === "silent")?.expression).toBe(
      "IF(FILL(requests, 0) >= 10 AND FILL(lines, 0) == 0, 1, 0)",
    );
  });

  test(
    "log-silence: heartbeat silence (IncomingLogEvents below 1 per 3 min, 3 of 3, " +
      "missing = breaching) only where the file says it writes heartbeats",
    () => {
      const { tf: beating } = synthesized(
        configFrom({
          services: {
            agent: { writesHeartbeats: true },
            portal: { role: "public", targetGroupArnSuffix: "targetgroup/p/0123456789abcdef" },
          },
        }),
      );
      expect(alarmNamed(beating, "axonflow-test-log-silence-agent")).toMatchObject({
        namespace: "AWS/Logs",
        metric_name: "IncomingLogEvents",
        dimensions: { LogGroupName: "/axonflow/test/agent" },
        statistic: "Sum",
        period: 180,
        comparison_operator: "LessThanThreshold",
        threshold: 1,
        treat_missing_data: "breaching",
      });
      // Neither heartbeats nor a line per request: no silence can be told from idleness, so no alarm.
      expect(alarmNames(beating).filter((n) => n.includes("log-silence"))).toEqual(["axonflow-test-log-silence-agent"]);
    },
  );

  test("error-logs: the error-count filter's metric as a share of the log group's lines", () => {
    const q = queries("error-logs-agent");
    expect(q.find((x) => x.id === "errors")?.metric).toMatchObject({
      namespace: "AxonFlow/production",
      metric_name: "ErrorCount-agent",
      dimensions: {},
    });
    expect(q.find((x) => x.id === "lines")?.metric).toMatchObject({
      namespace: "AWS/Logs",
      metric_name: "IncomingLogEvents",
      dimensions: { LogGroupName: "/axonflow/production/agent" },
    });
    expect(q.find((x) => x.id === "share")?.expression).toBe("IF(FILL(lines, 0) >= 50, 100 * FILL(errors, 0) / FILL(lines, 0), 0)");
  });

  test("memory (Maximum) and CPU (Average) from AWS/ECS per service; nothing reported while no task runs = not breaching", () => {
    const dims = { ClusterName: production.ecs.clusterName, ServiceName: "axonflow-agent" };
    expect(named("memory-agent")).toMatchObject({
      namespace: "AWS/ECS",
      metric_name: "MemoryUtilization",
      dimensions: dims,
      statistic: "Maximum",
      threshold: 80,
      treat_missing_data: "notBreaching",
    });
    expect(named("cpu-agent")).toMatchObject({
      namespace: "AWS/ECS",
      metric_name: "CPUUtilization",
      dimensions: dims,
      statistic: "Average",
      threshold: 90,
    });
  });

  test("no-traffic: answers short of the schedule's floor, the floor timed by a target group's health checks, missing = breaching", () => {
    expect(queries("no-traffic").map((x) => [x.id, x.expression ?? x.metric?.metric_name, x.return_data])).toEqual([
      ["answers", "FILL(requests, 0) + FILL(elb503, 0)", false],
      ["expected", "IF(HOUR(clock) >= 8 AND HOUR(clock) < 20 AND DAY(clock) <= 5, 20, 0)", false],
      ["shortfall", "expected - answers", true],
      ["requests", "RequestCount", false],
      ["elb503", "HTTPCode_ELB_503_Count", false],
      ["clock", "HealthyHostCount", false],
    ]);
    // The floor must not hang on the answers' own timestamps: a cut leaves RequestCount with no point at all.
    expect(queries("no-traffic").find((q) => q.id === "clock")!.metric).toMatchObject({
      dimensions: { LoadBalancer: lb, TargetGroup: production.services.agent!.targetGroupArnSuffix },
    });
    expect(named("no-traffic")).toMatchObject({
      comparison_operator: "GreaterThanThreshold",
      threshold: 0,
      evaluation_periods: 3,
      datapoints_to_alarm: 3,
      treat_missing_data: "breaching",
    });
    expect(named("no-traffic").alarm_description).toContain("08:00–20:00 UTC Mon–Fri: at least 20");
  });

  test("no-traffic with six windows, the longest ALB name and a 512-character runbook URL still fits CloudWatch's 1024 characters", () => {
    const windows = [0, 4, 8, 12, 16, 20].map((h) => ({ fromHourUtc: h, toHourUtc: h + 4, days: "weekdays", minRequests: 100000 }));
    const config = configFrom({
      alb: { arnSuffix: `app/${"a".repeat(32)}/0123456789abcdef` },
      services: { portal: { role: "public", targetGroupArnSuffix: "targetgroup/portal/0123456789abcdef" } },
      runbookBaseUrl: `https://runbooks.example.com/${"x".repeat(512 - "https://runbooks.example.com/".length)}`,
      alarms: { noTraffic: { expectedTraffic: windows } },
    });
    const a = alarmNamed(synthesized(config).tf, "axonflow-test-no-traffic");
    expect(String(a.alarm_description).length).toBeLessThanOrEqual(1024);
    expect(a.alarm_description).toContain("6 windows of alarms.noTraffic.expectedTraffic");
  });

  test("no-traffic's floor: one IF per window, summed; an all-day window still reads the clock", () => {
    const w = (fromHourUtc: number, toHourUtc: number, minRequests: number, days: "every-day" | "weekdays" = "every-day") => ({
      fromHourUtc,
      toHourUtc,
      minRequests,
      days,
    });
    expect(expectedTrafficExpression([w(0, 6, 1), w(6, 24, 50, "weekdays")], "c")).toBe(
      "IF(HOUR(c) < 6, 1, 0) + IF(HOUR(c) >= 6 AND DAY(c) <= 5, 50, 0)",
    );
    expect(expectedTrafficExpression([w(0, 24, 7)], "c")).toBe("IF(HOUR(c) >= 0, 7, 0)");
  });

  test("request-anomaly (opt-in): a band around FILLed RequestCount, both directions, missing = not breaching", () => {
    const { tf: opted } = synthesized(configFrom({ alarms: { requestAnomaly: { enabled: true } } }));
    const a = alarmNamed(opted, "axonflow-test-request-anomaly");
    expect(
      (a.metric_query as { id: string; expression?: string; metric?: { metric_name: string }; return_data: boolean }[]).map((x) => [
        x.id,
        x.expression ?? x.metric?.metric_name,
        x.return_data,
      ]),
    ).toEqual([
      ["filled", "FILL(requests, 0)", true],
      ["band", "ANOMALY_DETECTION_BAND(filled, 3)", true],
      ["requests", "RequestCount", false],
    ]);
    expect(a).toMatchObject({
      threshold_metric_id: "band",
      comparison_operator: "LessThanLowerOrGreaterThanUpperThreshold",
      treat_missing_data: "notBreaching",
    });
    expect(a.threshold).toBeUndefined();
    expect(alarmNames(tf)).not.toContain("axonflow-production-request-anomaly");
  });

  test("runbook links: <repositoryUrl>/docs/runbooks/<kind>.md, or <runbookBaseUrl>#<kind> when a site is given", () => {
    const { tf: repo } = synthesized(configFrom({ runbookBaseUrl: undefined, repositoryUrl: "https://github.com/acme/cw/blob/main" }));
    expect(alarmNamed(repo, "axonflow-test-error-rate").alarm_description).toMatch(
      / Runbook: https:\/\/github\.com\/acme\/cw\/blob\/main\/docs\/runbooks\/error-rate\.md#error-rate$/,
    );
    const { tf: site } = synthesized(configFrom());
    expect(alarmNamed(site, "axonflow-test-error-rate").alarm_description).toMatch(
      / Runbook: https:\/\/runbooks\.example\.com\/axonflow#error-rate$/,
    );
  });
});
