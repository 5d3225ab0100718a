import { CloudwatchMetricAlarm } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { SnsTopicSubscription } from "@cdktf/provider-aws/lib/sns-topic-subscription";
import { App, TerraformStack } from "cdktf";
import { CompositeAlarm } from "../../lib/alarms/composite-alarm";
import { checkMathAlarm, MathAlarm, type MathAlarmProps } from "../../lib/alarms/math-alarm";
import { checkMetricAlarm, MetricAlarm, type MetricAlarmProps } from "../../lib/alarms/metric-alarm";
import { PageCompositeAlarm } from "../../lib/alarms/page-composite-alarm";
import { expectedTrafficExpression } from "../../lib/alarms/kinds/no-traffic";
import type { AlarmKindKey } from "../../lib/alarms/kinds";
import { ALARM_DEFAULTS } from "../../lib/config/alarm-defaults";
import { envContext } from "../../lib/context";
import { ALB } from "../../lib/metrics/catalog";
import { alarmNamed, alarmNames, ALERTS_TOPIC_ARN, compositeAlarms, metricAlarms, PAGES_TOPIC_ARN } from "../support/alarms";
import { configFrom, fixtureEnvironment, fixtureEnvironments, problemsFor } from "../support/environments";
import { resourcesOf, resourceWhere, synthesized } from "../support/synth";

describe("the alarm catalog", () => {
  /**
   * The catalog as designed (docs/alarms.md): which alarms exist where, and who each notifies. What each alarm
   * *does* is proven by the incident replays (__tests__/replay); this pins what is deployed.
   */
  const PER_SERVICE = {
    // agent: ECS + target group + continuous logs; orchestrator: ECS + continuous logs; portal: target group only.
    agent: ["target-health", "target-error-rate", "target-latency", "tasks-below-floor", "running-tasks", "memory", "cpu", "log-silence", "error-logs"],
    orchestrator: ["tasks-below-floor", "running-tasks", "memory", "cpu", "log-silence", "error-logs"],
    "customer-portal": ["target-health", "target-error-rate", "target-latency", "error-logs"],
  };
  const ENVIRONMENT_WIDE = [
    ...["error-rate", "burn-rate-fast-1h", "burn-rate-fast-5m", "burn-rate-slow-6h", "burn-rate-slow-30m", "high-latency", "high-latency-p99"],
    ...["elb-502", "elb-503", "elb-504", "elb-target-connection-errors"],
  ];
  const COMPOSITES = ["burn-rate-fast", "burn-rate-slow"];
  // The production fixture mirrors the bridge's default signals, so the alarms on them exist there.
  const MIRRORED = ["llm-failure-share", "llm-provider-share-openai", "llm-provider-share-anthropic", "policy-block-spike"];
  const PAGED = ["error-rate", "burn-rate-fast", "no-traffic", "llm-failure-share", "target-health-agent", "target-health-customer-portal", "target-error-rate-agent", "target-error-rate-customer-portal", "tasks-below-floor-agent", "tasks-below-floor-orchestrator"];

  const expected = (env: string, extra: string[]) =>
    [...ENVIRONMENT_WIDE, ...extra, ...Object.entries(PER_SERVICE).flatMap(([service, kinds]) => kinds.map((k) => `${k}-${service}`))].map((k) => `axonflow-${env}-${k}`).sort();

  describe("production (pages): the catalog and its routes", () => {
    const { tf } = synthesized(fixtureEnvironment("production"));
    const name = (what: string) => `axonflow-production-${what}`;

    test("exactly the designed metric alarms, each once; no-traffic and paging-delivery alarms because it pages, the mirrored series' because it mirrors them", () => {
      expect(metricAlarms(tf).map((a) => a.alarm_name).sort()).toEqual(expected("production", ["no-traffic", "paging-deliveries", ...MIRRORED]));
    });

    test("composites: the two burn-rate pairs and the one page alarm", () => {
      expect(compositeAlarms(tf).map((a) => a.alarm_name).sort()).toEqual([...COMPOSITES, "page"].map(name).sort());
    });

    test("the page composite ORs exactly the page-severity alarms and notifies only the paging topic", () => {
      const page = compositeAlarms(tf).find((a) => a.alarm_name === name("page"))!;
      expect(page.alarm_rule).toBe(PAGED.map(name).sort().map((n) => `ALARM("${n}")`).join(" OR "));
      expect(page.alarm_actions).toEqual([expect.stringMatching(PAGES_TOPIC_ARN)]);
    });

    test("every alarm but the page composite and the burn-rate windows notifies the alerts topic, page-severity ones too (a second incident while a page is open)", () => {
      const all = [...metricAlarms(tf), ...compositeAlarms(tf)].filter((a) => a.alarm_name !== name("page"));
      for (const a of all) {
        const n = a.alarm_name as string;
        const silent = /-burn-rate-(fast|slow)-\d+[mh]$/.test(n);
        expect({ n, actions: a.alarm_actions }).toEqual({ n, actions: silent ? [] : [expect.stringMatching(ALERTS_TOPIC_ARN)] });
      }
      // Only the composite notifies the paging topic.
      expect(all.filter((a) => JSON.stringify(a.alarm_actions).includes("pages_topic"))).toEqual([]);
    });

    test("the paging-delivery alarm watches the paging topic and notifies the alerts topic", () => {
      const a = metricAlarms(tf).find((x) => x.alarm_name === name("paging-deliveries"))!;
      expect(a).toMatchObject({ namespace: "AWS/SNS", metric_name: "NumberOfNotificationsFailed", dimensions: { TopicName: name("pages") }, alarm_actions: [expect.stringMatching(ALERTS_TOPIC_ARN)] });
    });
  });

  describe("staging (no paging route): never pages", () => {
    const { tf } = synthesized(fixtureEnvironment("staging"));

    test("the same catalog without no-traffic (an idle environment), paging deliveries and the page composite", () => {
      expect(metricAlarms(tf).map((a) => a.alarm_name).sort()).toEqual(expected("staging", []));
      expect(compositeAlarms(tf).map((a) => a.alarm_name).sort()).toEqual(COMPOSITES.map((c) => `axonflow-staging-${c}`).sort());
    });

    test("no paging topic; every alarm but the burn-rate windows notifies the alerts topic", () => {
      expect(Object.values(resourcesOf(tf, "aws_sns_topic")).map((t) => t.name)).toEqual(["axonflow-staging-alerts"]);
      for (const a of [...metricAlarms(tf), ...compositeAlarms(tf)]) {
        const window = /-burn-rate-(fast|slow)-\d+[mh]$/.test(a.alarm_name as string);
        expect({ n: a.alarm_name, actions: a.alarm_actions }).toEqual({ n: a.alarm_name, actions: window ? [] : [expect.stringMatching(ALERTS_TOPIC_ARN)] });
      }
    });
  });

  describe.each([["production"], ["staging"]])("%s: every alarm", (env) => {
    const config = fixtureEnvironment(env);
    const { tf } = synthesized(config);

    test("statistic xor extended statistic xor metric math; whole-minute periods; datapoints ≤ periods; a runbook link last; a deliberate missing-data rule", () => {
      for (const a of metricAlarms(tf)) {
        const shapes = [a.statistic !== undefined, a.extended_statistic !== undefined, a.metric_query !== undefined];
        expect({ name: a.alarm_name, shapes: shapes.filter(Boolean).length }).toEqual({ name: a.alarm_name, shapes: 1 });
        const periods = a.metric_query ? (a.metric_query as { metric?: { period: number } }[]).flatMap((q) => (q.metric ? [q.metric.period] : [])) : [a.period as number];
        for (const p of periods) expect(p % 60).toBe(0);
        expect(a.datapoints_to_alarm as number).toBeLessThanOrEqual(a.evaluation_periods as number);
        expect(a.alarm_description).toMatch(/ Runbook: https:\/\/\S+#[a-z0-9-]+$/);
        expect(["breaching", "notBreaching"]).toContain(a.treat_missing_data);
      }
    });
  });

  describe("routing switches", () => {
    test("a ticket kind overridden to page joins the page rule and keeps its ticket", () => {
      const { tf } = synthesized(configFrom({ alarms: { highLatency: { severity: "page" } } }));
      expect(compositeAlarms(tf).find((a) => a.alarm_name === "axonflow-test-page")?.alarm_rule).toContain('ALARM("axonflow-test-high-latency")');
      expect(metricAlarms(tf).find((a) => a.alarm_name === "axonflow-test-high-latency")?.alarm_actions).toEqual([expect.stringMatching(/alerts_topic/)]);
    });

    test("a paging route given only as the endpoint variable still pages", () => {
      const { tf } = synthesized(configFrom({ paging: { emails: [], endpointVariable: true } }));
      expect(compositeAlarms(tf).map((a) => a.alarm_name)).toContain("axonflow-test-page");
    });

    test("actionsEnabled: false silences every alarm and composite", () => {
      const { tf } = synthesized(configFrom({ alarms: { actionsEnabled: false } }));
      for (const a of [...metricAlarms(tf), ...compositeAlarms(tf)]) expect(a.actions_enabled).toBe(false);
    });

    test("a kind disabled in the file is not created", () => {
      const { tf } = synthesized(configFrom({ alarms: { memory: { enabled: false }, burnRate: { enabled: false } } }));
      expect(metricAlarms(tf).map((a) => a.alarm_name as string).filter((n) => /-(memory|burn-rate)-/.test(n))).toEqual([]);
    });
  });
});

describe("alarm tuning in environment files", () => {
  describe("alarm defaults", () => {
    test.each(Object.keys(ALARM_DEFAULTS) as AlarmKindKey[])("%s: a minimal file (no paging route) gets exactly the ALARM_DEFAULTS entry", (kind) => {
      expect(configFrom({ paging: undefined }).alarms[kind]).toEqual(ALARM_DEFAULTS[kind]);
    });

    test("page by default only on what customers feel: error rates, target health, tasks below the floor, no traffic, LLM calls failing on every provider", () => {
      const paged = (Object.keys(ALARM_DEFAULTS) as AlarmKindKey[]).filter((k) => (ALARM_DEFAULTS[k] as { severity?: string }).severity === "page");
      expect(paged.sort()).toEqual(["errorRate", "llmFailureShare", "noTraffic", "targetErrorRate", "targetHealth", "tasksBelowFloor"]);
    });

    test("an override changes one field of one kind", () => {
      const c = configFrom({ alarms: { logSilence: { severity: "ticket" } } });
      expect(c.alarms.logSilence).toEqual({ ...ALARM_DEFAULTS.logSilence, severity: "ticket" });
    });

    test("no-traffic: on by default where the environment pages and has a schedule, off elsewhere; the file's own setting wins", () => {
      const portal = { services: { portal: { role: "public", targetGroupArnSuffix: "targetgroup/portal/0123456789abcdef" } } };
      const withSchedule = ({ noTraffic, ...patch }: Record<string, unknown> = {}) =>
        configFrom({ ...portal, ...patch, alarms: { noTraffic: { expectedTraffic: [{ fromHourUtc: 9, toHourUtc: 17, minRequests: 5 }], ...(noTraffic as object) } } });
      expect(withSchedule().alarms.noTraffic.enabled).toBe(true);
      expect(withSchedule({ paging: { emails: [], endpointVariable: true } }).alarms.noTraffic.enabled).toBe(true);
      // Paging, but no hour in which no traffic is a cut: nothing to watch.
      expect(configFrom(portal).alarms.noTraffic.enabled).toBe(false);
      expect(withSchedule({ paging: undefined }).alarms.noTraffic.enabled).toBe(false);
      expect(withSchedule({ noTraffic: { enabled: false } }).alarms.noTraffic.enabled).toBe(false);
      expect(withSchedule({ paging: undefined, noTraffic: { enabled: true } }).alarms.noTraffic.enabled).toBe(true);
      // Other fields of the kind keep their defaults when only the paging route turned it on.
      expect(withSchedule().alarms.noTraffic).toEqual({
        ...ALARM_DEFAULTS.noTraffic,
        enabled: true,
        expectedTraffic: [{ fromHourUtc: 9, toHourUtc: 17, minRequests: 5, days: "every-day" }],
      });
      // The anomaly band is opt-in everywhere.
      expect(configFrom().alarms.requestAnomaly.enabled).toBe(false);
    });

    test("no paging route is allowed: such an environment never pages (no e-mail, no endpoint variable by default)", () => {
      expect(configFrom({ paging: undefined }).paging).toEqual({ emails: [], endpointVariable: false });
      expect(configFrom({ paging: { emails: [], endpointVariable: true } }).paging.endpointVariable).toBe(true);
    });

    test("burn rate: on, on a 99.9 % objective, unless the file says otherwise", () => {
      expect(configFrom().alarms.burnRate).toEqual({ enabled: true, objectivePercent: 99.9 });
      expect(configFrom({ alarms: { burnRate: { objectivePercent: 99.5 } } }).alarms.burnRate.objectivePercent).toBe(99.5);
    });
  });

  describe("bad alarm overrides name the file and the field", () => {
    test.each<[string, Record<string, unknown>, string, RegExp]>([
      ["an unknown alarm name", { alarms: { logSilent: {} } }, "alarms.logSilent", /unknown key; allowed: .*logSilence/],
      ["an unknown field of a kind", { alarms: { logSilence: { threshold: 3 } } }, "alarms.logSilence.threshold", /unknown key; allowed: .*thresholdCount/],
      ["a removed kind (RestartCount can never fire)", { alarms: { ecsRestarts: {} } }, "alarms.ecsRestarts", /unknown key; allowed: .*runningTasks/],
      ["a negative minimum volume", { alarms: { errorRate: { minRequests: -1 } } }, "alarms.errorRate.minRequests", />=0/],
      ["an objective of 100 % (no error budget to burn)", { alarms: { burnRate: { objectivePercent: 100 } } }, "alarms.burnRate.objectivePercent", /<100/],
      ["a memory threshold above 100 %", { alarms: { memory: { thresholdPercent: 120 } } }, "alarms.memory.thresholdPercent", /<=100/],
      ["a negative error-rate percent", { alarms: { errorRate: { thresholdPercent: -5 } } }, "alarms.errorRate.thresholdPercent", />0/],
      ["an error rate above 100 %", { alarms: { errorRate: { thresholdPercent: 150 } } }, "alarms.errorRate.thresholdPercent", /<=100/],
      ["a negative p99 latency", { alarms: { highLatencyP99: { thresholdSeconds: -1 } } }, "alarms.highLatencyP99.thresholdSeconds", />0/],
      ["paging deliveries that would page through the failing topic", { alarms: { pagingDeliveries: { severity: "page" } } }, "alarms.pagingDeliveries.severity", /allowed: ticket/],
      ["a negative failed-delivery count", { alarms: { pagingDeliveries: { thresholdCount: -3 } } }, "alarms.pagingDeliveries.thresholdCount", />=0/],
      ["a log-silence threshold of 0 (can never be below it)", { alarms: { logSilence: { thresholdCount: 0 } } }, "alarms.logSilence.thresholdCount", />=1/],
      ["a negative anomaly band", { alarms: { requestAnomaly: { thresholdStdDevs: -2 } } }, "alarms.requestAnomaly.thresholdStdDevs", />0/],
      ["an impossible period", { alarms: { logSilence: { periodSeconds: 45 } } }, "alarms.logSilence.periodSeconds", /45 is not an alarm period; allowed: 10, 20, 30 or a multiple of 60 up to 86400/],
      ["a period over a day", { alarms: { errorRate: { periodSeconds: 90000 } } }, "alarms.errorRate.periodSeconds", /not an alarm period/],
      ["a period finer than the metric's resolution", { alarms: { logSilence: { periodSeconds: 30 } } }, "alarms.logSilence.periodSeconds", /30 s is finer than the 60 s resolution.*allowed: a multiple of 60/],
      ["more datapoints than periods", { alarms: { errorRate: { evaluationPeriods: 2, datapointsToAlarm: 3 } } }, "alarms.errorRate.datapointsToAlarm", /exceeds evaluationPeriods \(2\)/],
      ["a window over a day with a period under an hour (PutMetricAlarm rejects it)", { alarms: { highLatencyP99: { periodSeconds: 1800, evaluationPeriods: 60, datapointsToAlarm: 3 } } }, "alarms.highLatencyP99.evaluationPeriods", /span 108000 s; allowed: .* at most 86400 s \(1 day\) for periods under an hour/],
      ["an unknown severity", { alarms: { cpu: { severity: "urgent" } } }, "alarms.cpu.severity", /page.*ticket/],
      ["a malformed paging e-mail", { paging: { emails: ["pager"] } }, "paging.emails.0", /e-mail address/],
      ["a paging URL in the file", { paging: { endpoint: "https://events.pagerduty.com/x" } }, "paging.endpoint", /unknown key; allowed: emails, endpointVariable/],
    ])("rejects %s", (_, patch, field, rule) => {
      const mine = problemsFor(patch).filter((p) => p.startsWith(`environments/test.yaml: ${field}: `));
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatch(rule);
    });
  });
});

describe("alarm kinds", () => {
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

  test("target-error-rate: the portal's own 5xx over its own target group's requests, FILLed, 0 below 20 requests", () => {
    const tg = { LoadBalancer: production.alb.arnSuffix, TargetGroup: production.services["customer-portal"].targetGroupArnSuffix };
    const series = (name: string) => ({ namespace: "AWS/ApplicationELB", metric_name: name, dimensions: tg, stat: "Sum", period: 300 });
    expect(queries("target-error-rate-customer-portal")).toEqual([
      { id: "rate", expression: "IF(FILL(requests, 0) >= 20, 100 * FILL(target5xx, 0) / FILL(requests, 0), 0)", label: "5xx % of customer-portal's requests", return_data: true },
      { id: "requests", return_data: false, metric: series("RequestCount") },
      { id: "target5xx", return_data: false, metric: series("HTTPCode_Target_5XX_Count") },
    ]);
    expect(named("target-error-rate-customer-portal")).toMatchObject({ comparison_operator: "GreaterThanThreshold", threshold: 5, treat_missing_data: "notBreaching", evaluation_periods: 3, datapoints_to_alarm: 2 });
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
    expect(Object.values(raised.resource.aws_cloudwatch_metric_alarm).find((r) => r.alarm_name === "axonflow-test-tasks-below-floor-agent")).toMatchObject({ threshold: 3 });
  });

  test("error-rate: FILLed 5xx over FILLed answers (requests + ELB 5xx), 0 below the minimum volume", () => {
    const q = queries("error-rate");
    // RequestCount holds the 502s and 504s (a target was chosen); only the no-target 503s are outside it.
    expect(q.find((x) => x.id === "answers")?.expression).toBe("FILL(requests, 0) + FILL(elb503, 0)");
    expect(q.find((x) => x.id === "errors")?.expression).toBe("FILL(target5xx, 0) + FILL(elb5xx, 0)");
    expect(q.find((x) => x.id === "rate")).toMatchObject({ expression: `IF(answers >= ${production.alarms.errorRate.minRequests}, 100 * errors / answers, 0)`, return_data: true });
    expect(q.filter((x) => x.return_data).map((x) => x.id)).toEqual(["rate"]);
    expect(q.flatMap((x) => (x.metric ? [x.metric.metric_name] : []))).toEqual(["RequestCount", "HTTPCode_Target_5XX_Count", "HTTPCode_ELB_5XX_Count", "HTTPCode_ELB_503_Count"]);
  });

  test("burn rate: the windows of the SRE workbook, thresholds burn × budget of the objective", () => {
    // 99.9 % objective: a 0.1 % budget; fast 14.4× = 1.44 %, slow 6× = 0.6 %.
    const windows = { "burn-rate-fast-1h": [3600, 1.44], "burn-rate-fast-5m": [300, 1.44], "burn-rate-slow-6h": [21600, 0.6], "burn-rate-slow-30m": [1800, 0.6] };
    for (const [what, [period, threshold]] of Object.entries(windows)) {
      expect({ what, threshold: named(what).threshold, periods: queries(what).flatMap((x) => (x.metric ? [x.metric.period] : [])) }).toEqual({ what, threshold, periods: [period, period, period, period] });
    }
    // The short windows breach in any of their last three periods (no flapping near the threshold); the long ones in their one.
    expect(["burn-rate-fast-1h", "burn-rate-fast-5m", "burn-rate-slow-6h", "burn-rate-slow-30m"].map((w) => [named(w).evaluation_periods, named(w).datapoints_to_alarm])).toEqual([[1, 1], [3, 1], [1, 1], [3, 1]]);
    const { tf: other } = synthesized(configFrom({ alarms: { burnRate: { objectivePercent: 99 } } }));
    expect(alarmNamed(other, "axonflow-test-burn-rate-fast-1h").threshold).toBe(14.4);
  });

  test("latency: p95 / p99 of TargetResponseTime in seconds; low-sample periods keep the state", () => {
    expect(named("high-latency")).toMatchObject({ metric_name: "TargetResponseTime", extended_statistic: "p95", threshold: 5, evaluate_low_sample_count_percentiles: "ignore", treat_missing_data: "notBreaching" });
    expect(named("high-latency-p99")).toMatchObject({ extended_statistic: "p99", threshold: 10, evaluate_low_sample_count_percentiles: "ignore" });
  });

  test("target-latency: the service's own p95 from its target group, 0 below 20 requests; a service's own threshold wins", () => {
    const tg = { LoadBalancer: production.alb.arnSuffix, TargetGroup: production.services["customer-portal"].targetGroupArnSuffix };
    const series = (name: string, stat: string) => ({ namespace: "AWS/ApplicationELB", metric_name: name, dimensions: tg, stat, period: 300 });
    expect(queries("target-latency-customer-portal")).toEqual([
      { id: "latency", expression: "IF(FILL(requests, 0) >= 20, FILL(p95, 0), 0)", label: "p95 response time of customer-portal (s)", return_data: true },
      { id: "requests", return_data: false, metric: series("RequestCount", "Sum") },
      { id: "p95", return_data: false, metric: series("TargetResponseTime", "p95") },
    ]);
    expect(named("target-latency-agent")).toMatchObject({ comparison_operator: "GreaterThanThreshold", threshold: 5, treat_missing_data: "notBreaching", evaluation_periods: 3, datapoints_to_alarm: 2 });
    const portal = { ...production.services["customer-portal"], latencyThresholdSeconds: 1.5 };
    const { tf: own } = synthesized({ ...production, services: { ...production.services, "customer-portal": portal } });
    expect([alarmNamed(own, "axonflow-production-target-latency-customer-portal").threshold, alarmNamed(own, "axonflow-production-target-latency-agent").threshold]).toEqual([1.5, 5]);
  });

  test("load-balancer errors: each cause's count over answers (RequestCount + the 503s outside it), 0 below 50 answers", () => {
    const lb = { LoadBalancer: production.alb.arnSuffix };
    const series = (name: string) => ({ namespace: "AWS/ApplicationELB", metric_name: name, dimensions: lb, stat: "Sum", period: 300 });
    const share = { id: "share", expression: "IF(answers >= 50, 100 * FILL(errors, 0) / answers, 0)", return_data: true };
    for (const [what, metric] of [["elb-502", "HTTPCode_ELB_502_Count"], ["elb-504", "HTTPCode_ELB_504_Count"], ["elb-target-connection-errors", "TargetConnectionErrorCount"]]) {
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
    expect(named("elb-504")).toMatchObject({ comparison_operator: "GreaterThanThreshold", threshold: 1, treat_missing_data: "notBreaching", evaluation_periods: 3, datapoints_to_alarm: 2 });
  });

  test("log-silence: for services that log each request, periods serving requests without a log line; the caller's requests for an internal one", () => {
    expect(alarmNames(tf).filter((n) => n.includes("log-silence")).sort()).toEqual(["axonflow-production-log-silence-agent", "axonflow-production-log-silence-orchestrator"]);
    expect(named("log-silence-agent")).toMatchObject({ evaluation_periods: 3, datapoints_to_alarm: 3, comparison_operator: "GreaterThanThreshold", threshold: 0, treat_missing_data: "notBreaching" });
    const tgOf = (alarm: string) => queries(alarm).find((x) => x.id === "requests")?.metric?.dimensions;
    const agentTg = production.services.agent.targetGroupArnSuffix;
    // The orchestrator is reached only through the agent: the agent's requests are its traffic.
    expect([tgOf("log-silence-agent"), tgOf("log-silence-orchestrator")]).toEqual([0, 1].map(() => ({ LoadBalancer: production.alb.arnSuffix, TargetGroup: agentTg })));
    expect(queries("log-silence-orchestrator").find((x) => x.id === "lines")?.metric).toMatchObject({ metric_name: "IncomingLogEvents", dimensions: { LogGroupName: "/axonflow/production/orchestrator" }, period: 180 });
    expect(queries("log-silence-agent").find((x) => x.id === "silent")?.expression).toBe("IF(FILL(requests, 0) >= 10 AND FILL(lines, 0) == 0, 1, 0)");
  });

  test("log-silence: heartbeat silence (IncomingLogEvents below 1 per 3 min, 3 of 3, missing = breaching) only where the file says it writes heartbeats", () => {
    const { tf: beating } = synthesized(configFrom({ services: { agent: { writesHeartbeats: true }, portal: { role: "public", targetGroupArnSuffix: "targetgroup/p/0123456789abcdef" } } }));
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
    expect(named("no-traffic")).toMatchObject({ comparison_operator: "GreaterThanThreshold", threshold: 0, evaluation_periods: 3, datapoints_to_alarm: 3, treat_missing_data: "breaching" });
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
    const w = (fromHourUtc: number, toHourUtc: number, minRequests: number, days: "every-day" | "weekdays" = "every-day") => ({ fromHourUtc, toHourUtc, minRequests, days });
    expect(expectedTrafficExpression([w(0, 6, 1), w(6, 24, 50, "weekdays")], "c")).toBe("IF(HOUR(c) < 6, 1, 0) + IF(HOUR(c) >= 6 AND DAY(c) <= 5, 50, 0)");
    expect(expectedTrafficExpression([w(0, 24, 7)], "c")).toBe("IF(HOUR(c) >= 0, 7, 0)");
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
});

describe("alarm renderers", () => {
  describe("metric-alarm", () => {
    const valid: MetricAlarmProps = {
      name: "axonflow-test-x",
      description: "Something is wrong.",
      runbookUrl: "https://runbooks.example.com/#x",
      metric: ALB.requestCount.with({ LoadBalancer: "app/a/0123456789abcdef" }),
      statistic: "Sum",
      periodSeconds: 300,
      evaluationPeriods: 2,
      comparison: "GreaterThanThreshold",
      threshold: 1,
      treatMissingData: "notBreaching",
      actions: { alarmActions: ["arn:aws:sns:us-east-1:111122223333:t"], okActions: [], actionsEnabled: true },
    };

    describe("MetricAlarm invariants", () => {
      test("a valid alarm has no problems", () => expect(checkMetricAlarm(valid)).toEqual([]));

      test.each<[string, Partial<MetricAlarmProps>, RegExp]>([
        ["both statistics", { extendedStatistic: "p95" }, /exactly one of statistic and extendedStatistic/],
        ["neither statistic", { statistic: undefined }, /exactly one of statistic and extendedStatistic/],
        ["a malformed percentile", { statistic: undefined, extendedStatistic: "95th" }, /not a percentile/],
        ["a 45 s period", { periodSeconds: 45 }, /period 45 s is not allowed; allowed: 10, 20, 30 or a multiple of 60/],
        ["a 90 s period", { periodSeconds: 90 }, /period 90 s/],
        ["datapoints above evaluation periods", { datapointsToAlarm: 3 }, /datapointsToAlarm 3 must be between 1 and evaluationPeriods \(2\)/],
        ["zero evaluation periods", { evaluationPeriods: 0 }, /evaluationPeriods 0/],
        ["a window over 7 days", { periodSeconds: 86400, evaluationPeriods: 8 }, /at most 604800 s \(7 days\)/],
        ["a window over a day with a period under an hour", { periodSeconds: 1800, evaluationPeriods: 60, datapointsToAlarm: 1 }, /at most 86400 s \(1 day\) for periods under an hour/],
        ["a non-finite threshold", { threshold: Number.NaN }, /finite/],
      ])("rejects %s", (_, patch, rule) => {
        expect(checkMetricAlarm({ ...valid, ...patch }).join("; ")).toMatch(rule);
      });

      test("the construct refuses to build and names its path", () => {
        const stack = new TerraformStack(new App({ outdir: "/tmp/unused-outdir" }), "s");
        expect(() => new MetricAlarm(stack, "bad", { ...valid, periodSeconds: 45 })).toThrow(/^s\/bad: period 45 s/);
      });

      test("10, 20, 30 and multiples of 60 are accepted periods", () => {
        for (const p of [10, 20, 30, 60, 120, 3600]) expect(checkMetricAlarm({ ...valid, periodSeconds: p })).toEqual([]);
      });
    });

    describe("metric catalog", () => {
      test("with() fills exactly the catalog's dimensions", () => {
        expect(ALB.target5xx.with({ LoadBalancer: "app/a/0123456789abcdef" }).dimensions).toEqual({ LoadBalancer: "app/a/0123456789abcdef" });
      });

      test("an empty dimension value is rejected", () => {
        expect(() => ALB.target5xx.with({ LoadBalancer: "" })).toThrow(/dimension LoadBalancer must be 1-1024 characters/);
      });
    });
  });

  describe("math-alarm", () => {
    const lb = { LoadBalancer: "app/a/0123456789abcdef" };
    const valid: MathAlarmProps = {
      name: "axonflow-test-ratio",
      description: "Too many errors.",
      runbookUrl: "https://runbooks.example.com/#ratio",
      metrics: [
        { id: "requests", metric: ALB.requestCount.with(lb), stat: "Sum" },
        { id: "errors", metric: ALB.target5xx.with(lb), stat: "Sum" },
      ],
      expressions: [{ id: "rate", expression: "100 * FILL(errors, 0) / requests", label: "rate" }],
      alarmOn: "rate",
      condition: { comparison: "GreaterThanThreshold", threshold: 5 },
      periodSeconds: 300,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      treatMissingData: "notBreaching",
      actions: { alarmActions: [], okActions: [], actionsEnabled: true, routedVia: "axonflow-test-page" },
    };

    const eleven = Array.from({ length: 11 }, (_, i) => ({ id: `m${i}`, metric: ALB.requestCount.with(lb), stat: "Sum" as const }));

    describe("MathAlarm invariants", () => {
      test("a valid alarm has no problems", () => expect(checkMathAlarm(valid)).toEqual([]));

      test.each<[string, Partial<MathAlarmProps>, RegExp]>([
        ["more than 10 metrics", { metrics: eleven, expressions: [{ id: "rate", expression: "m0", label: "x" }] }, /11 metrics; allowed: 1 to 10 per metric-math alarm/],
        ["no metric", { metrics: [], expressions: [{ id: "rate", expression: "1", label: "x" }] }, /0 metrics; allowed: 1 to 10/],
        ["an id used twice", { expressions: [{ id: "errors", expression: "requests", label: "x" }], alarmOn: "errors" }, /query id "errors" is used twice; rename one/],
        ["an id starting upper case", { expressions: [{ id: "Rate", expression: "requests", label: "x" }], alarmOn: "Rate" }, /query id "Rate" must start with a lowercase letter/],
        ["a misspelt reference", { expressions: [{ id: "rate", expression: "100 * erors / requests", label: "x" }] }, /expression rate references "erors"; allowed: the other ids requests, errors/],
        ["a self reference", { expressions: [{ id: "rate", expression: "rate + requests", label: "x" }] }, /expression rate references "rate"/],
        ["an expression that does not parse", { expressions: [{ id: "rate", expression: "100 * (errors / requests", label: "x" }] }, /query rate: expression "100 \* \(errors \/ requests": does not parse/],
        ["a reference inside a function", { expressions: [{ id: "rate", expression: "IF(FILL(erors, 0) > 1, 1, 0) + requests", label: "x" }] }, /expression rate references "erors"/],
        ["alarming on an unknown id", { alarmOn: "ratio" }, /alarmOn "ratio" is not one of the ids requests, errors, rate/],
        ["a band id that is not a band", { condition: { comparison: "GreaterThanUpperThreshold", bandId: "rate" } }, /bandId "rate" must name an ANOMALY_DETECTION_BAND/],
        [
          "a band id whose band is only a part of its expression",
          { expressions: [...valid.expressions, { id: "band", expression: "ANOMALY_DETECTION_BAND(rate) * 2", label: "x" }], condition: { comparison: "GreaterThanUpperThreshold", bandId: "band" } },
          /bandId "band" must name an ANOMALY_DETECTION_BAND/,
        ],
        ["a non-finite threshold", { condition: { comparison: "GreaterThanThreshold", threshold: Number.POSITIVE_INFINITY } }, /threshold Infinity must be a finite number/],
        ["a malformed percentile", { metrics: [{ id: "requests", metric: ALB.targetResponseTime.with(lb), stat: "p999x" }, valid.metrics[1]] }, /stat "p999x" is not a percentile/],
        ["a 45 s period", { periodSeconds: 45 }, /period 45 s is not allowed; allowed: 10, 20, 30 or a multiple of 60/],
        ["datapoints above evaluation periods", { datapointsToAlarm: 4 }, /datapointsToAlarm 4 must be between 1 and evaluationPeriods \(3\)/],
        ["a runbook link without an anchor", { runbookUrl: "https://runbooks.example.com/" }, /runbookUrl .* must be an https URL with an #anchor/],
      ])("rejects %s", (_, patch, rule) => {
        expect(checkMathAlarm({ ...valid, ...patch }).join("; ")).toMatch(rule);
      });

      test("exactly 10 metrics are allowed", () => {
        const ten = eleven.slice(0, 10);
        expect(checkMathAlarm({ ...valid, metrics: ten, expressions: [{ id: "rate", expression: "m0 + m9", label: "x" }] })).toEqual([]);
      });

      test("the construct refuses to build and names its path; a valid one exposes spec and alarmName", () => {
        const stack = new TerraformStack(new App({ outdir: "/tmp/unused-outdir" }), "s");
        expect(() => new MathAlarm(stack, "bad", { ...valid, alarmOn: "nope" })).toThrow(/^s\/bad: alarmOn "nope"/);
        const ok = new MathAlarm(stack, "ok", valid);
        expect(ok.alarmName).toBe("axonflow-test-ratio");
        expect(ok.spec.actions.routedVia).toBe("axonflow-test-page");
      });
    });
  });
});

describe("the ALB latency alarms", () => {
  describe.each(fixtureEnvironments().map((c) => [c.name, c] as const))("%s: high-latency alarm", (name, config) => {
    const { json, tf } = synthesized(config);

    test("p95 TargetResponseTime in seconds, notBreaching when there is no traffic", () => {
      expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        alarm_name: `axonflow-${name}-high-latency`,
        namespace: "AWS/ApplicationELB",
        metric_name: "TargetResponseTime",
        dimensions: { LoadBalancer: config.alb.arnSuffix },
        extended_statistic: "p95",
        period: 300,
        evaluation_periods: 3,
        comparison_operator: "GreaterThanThreshold",
        threshold: config.alarms.highLatency.thresholdSeconds,
        treat_missing_data: "notBreaching",
        alarm_actions: [expect.stringMatching(/^\$\{aws_sns_topic\.alerts_topic_\w+\.arn\}$/)],
        ok_actions: [expect.stringMatching(/^\$\{aws_sns_topic\.alerts_topic_\w+\.arn\}$/)],
      });
      const alarm = resourceWhere(tf, "aws_cloudwatch_metric_alarm", "alarm_name", `axonflow-${name}-high-latency`);
      expect(alarm.statistic).toBeUndefined();
    });

    test("the threshold is seconds, never the guide's 5000 (83 minutes)", () => {
      const alarm = resourceWhere(tf, "aws_cloudwatch_metric_alarm", "alarm_name", `axonflow-${name}-high-latency`);
      expect(alarm.threshold).toBeLessThan(60);
    });
  });

  test("thresholdSeconds from the file is the alarm threshold, unconverted", () => {
    const { tf } = synthesized(configFrom({ alarms: { highLatency: { thresholdSeconds: 1.5 } } }));
    expect(resourceWhere(tf, "aws_cloudwatch_metric_alarm", "alarm_name", "axonflow-test-high-latency").threshold).toBe(1.5);
  });

  describe.each(fixtureEnvironments().map((c) => [c.name, c] as const))("%s: high-latency-p99 alarm", (name, config) => {
    const { json, tf } = synthesized(config);

    test("p99 TargetResponseTime in seconds by LoadBalancer, notBreaching, ticket route", () => {
      expect(json).toHaveResourceWithProperties(CloudwatchMetricAlarm, {
        alarm_name: `axonflow-${name}-high-latency-p99`,
        namespace: "AWS/ApplicationELB",
        metric_name: "TargetResponseTime",
        dimensions: { LoadBalancer: config.alb.arnSuffix },
        extended_statistic: "p99",
        period: 300,
        evaluation_periods: config.alarms.highLatencyP99.evaluationPeriods,
        comparison_operator: "GreaterThanThreshold",
        threshold: config.alarms.highLatencyP99.thresholdSeconds,
        treat_missing_data: "notBreaching",
        alarm_actions: [expect.stringMatching(/^\$\{aws_sns_topic\.alerts_topic_\w+\.arn\}$/)],
        ok_actions: [expect.stringMatching(/^\$\{aws_sns_topic\.alerts_topic_\w+\.arn\}$/)],
      });
      const alarm = resourceWhere(tf, "aws_cloudwatch_metric_alarm", "alarm_name", `axonflow-${name}-high-latency-p99`);
      expect(alarm.statistic).toBeUndefined();
      expect(alarm.threshold).toBeLessThan(60);
      expect(alarm.alarm_description).toMatch(new RegExp(`Runbook: ${config.runbookBaseUrl}#high-latency-p99$`));
    });
  });
});

describe("the page composite alarm", () => {
  describe("the page composite of production", () => {
    const { tf } = synthesized(fixtureEnvironment("production"));
    const page = compositeAlarms(tf).find((a) => a.alarm_name === "axonflow-production-page")!;

    test("created after its children: depends_on every alarm its rule names", () => {
      const addressOf = new Map<string, string>();
      for (const type of ["aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm"]) {
        for (const [address, a] of Object.entries(resourcesOf(tf, type))) addressOf.set(a.alarm_name as string, `${type}.${address}`);
      }
      const named = [...String(page.alarm_rule).matchAll(/ALARM\("([^"]+)"\)/g)].map((m) => addressOf.get(m[1]));
      expect([...(page.depends_on as string[])].sort()).toEqual(named.sort());
    });

    test("notifies the paging topic on ALARM and on recovery, with the paging runbook", () => {
      expect(page).toMatchObject({
        actions_enabled: true,
        alarm_actions: [expect.stringMatching(PAGES_TOPIC_ARN)],
        ok_actions: [expect.stringMatching(PAGES_TOPIC_ARN)],
        alarm_description: expect.stringMatching(/ Runbook: https:\/\/\S+#page$/),
      });
    });
  });

  describe("the paging route's subscriptions", () => {
    test("paging.emails subscribe to the paging topic only", () => {
      const { json, tf } = synthesized(configFrom({ alerts: { emails: ["ops@example.com"] }, paging: { emails: ["pager@example.com"] } }));
      expect(json).toHaveResourceWithProperties(SnsTopicSubscription, { endpoint: "pager@example.com", topic_arn: expect.stringMatching(PAGES_TOPIC_ARN) });
      expect(Object.values(resourcesOf(tf, "aws_sns_topic_subscription")).map((s) => s.endpoint).sort()).toEqual(["ops@example.com", "pager@example.com"]);
    });

    test("paging.endpointVariable: a sensitive variable feeds an https subscription; no endpoint in the file or the JSON", () => {
      const { json, tf } = synthesized(configFrom({ paging: { endpointVariable: true } }));
      expect(tf.variable?.paging_endpoint).toMatchObject({ type: "string", sensitive: true, nullable: false });
      expect(json).toHaveResourceWithProperties(SnsTopicSubscription, {
        protocol: "https",
        endpoint: "${var.paging_endpoint}",
        endpoint_auto_confirms: true,
        topic_arn: expect.stringMatching(PAGES_TOPIC_ARN),
      });
      expect(synthesized(configFrom()).tf.variable).toBeUndefined();
    });
  });

  describe("composite invariants", () => {
    const stack = () => new TerraformStack(new App({ outdir: "/tmp/unused-outdir" }), "s");
    const env = envContext(configFrom());
    const actions = { alarmActions: ["arn:aws:sns:us-east-1:111122223333:p"], okActions: [], actionsEnabled: true };

    test("refuses an empty child list", () => {
      expect(() => new PageCompositeAlarm(stack(), "page", { env, name: "axonflow-test-page", children: [], actions })).toThrow(/^s\/page\/Default: a composite alarm needs at least one child alarm/);
    });

    test("names every child in its rule, joined by the operator, and refuses a child listed twice", () => {
      const s = stack();
      const [a, b] = ["a", "b"].map((n) => ({ alarmName: `axonflow-test-${n}`, resource: new SnsTopic(s, n, { name: n }) }));
      const props = { name: "axonflow-test-c", description: "d", runbookUrl: "https://x.example/#c", actions };
      expect(new CompositeAlarm(s, "all", { ...props, inAlarmWhen: "all", children: [a, b] }).resource.alarmRuleInput).toBe('ALARM("axonflow-test-a") AND ALARM("axonflow-test-b")');
      expect(new CompositeAlarm(s, "any", { ...props, inAlarmWhen: "any", children: [b, a] }).resource.alarmRuleInput).toBe('ALARM("axonflow-test-b") OR ALARM("axonflow-test-a")');
      expect(() => new CompositeAlarm(s, "twice", { ...props, inAlarmWhen: "any", children: [a, a] })).toThrow(/^s\/twice: a child alarm is listed twice/);
    });
  });
});
