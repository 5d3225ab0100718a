import type { AlarmKindKey } from "../../lib/alarms/kinds";
import { ALARM_DEFAULTS } from "../../lib/config/alarm-defaults";
import { ALERTS_TOPIC_ARN, compositeAlarms, metricAlarms, PAGES_TOPIC_ARN } from "../support/alarms";
import { configFrom, fixtureEnvironment, problemsFor } from "../support/environments";
import { resourcesOf, synthesized } from "../support/synth";

describe("the alarm catalog", () => {
  /**
   * The catalog as designed (docs/alarms.md): which alarms exist where, and who each notifies. What each alarm
   * *does* is proven by the incident replays (__tests__/replay); this pins what is deployed.
   */
  const PER_SERVICE = {
    // agent: ECS + target group + continuous logs; orchestrator: ECS + continuous logs; portal: target group only.
    agent: [
      "target-health",
      "target-error-rate",
      "target-latency",
      "tasks-below-floor",
      "running-tasks",
      "memory",
      "cpu",
      "log-silence",
      "error-logs",
    ],
    orchestrator: ["tasks-below-floor", "running-tasks", "memory", "cpu", "log-silence", "error-logs"],
    "customer-portal": ["target-health", "target-error-rate", "target-latency", "error-logs"],
  };
  const ENVIRONMENT_WIDE = [
    ...[
      "error-rate",
      "burn-rate-fast-1h",
      "burn-rate-fast-5m",
      "burn-rate-slow-6h",
      "burn-rate-slow-30m",
      "high-latency",
      "high-latency-p99",
    ],
    ...["elb-502", "elb-503", "elb-504", "elb-target-connection-errors"],
  ];
  const COMPOSITES = ["burn-rate-fast", "burn-rate-slow"];
  // The production fixture mirrors the bridge's default signals, so the alarms on them exist there.
  const MIRRORED = ["llm-failure-share", "llm-provider-share-openai", "llm-provider-share-anthropic", "policy-block-spike"];
  const PAGED = [
    "error-rate",
    "burn-rate-fast",
    "no-traffic",
    "llm-failure-share",
    "target-health-agent",
    "target-health-customer-portal",
    "target-error-rate-agent",
    "target-error-rate-customer-portal",
    "tasks-below-floor-agent",
    "tasks-below-floor-orchestrator",
  ];

  const expected = (env: string, extra: string[]) =>
    [...ENVIRONMENT_WIDE, ...extra, ...Object.entries(PER_SERVICE).flatMap(([service, kinds]) => kinds.map((k) => `${k}-${service}`))]
      .map((k) => `axonflow-${env}-${k}`)
      .sort();

  describe("production (pages): the catalog and its routes", () => {
    const { tf } = synthesized(fixtureEnvironment("production"));
    const name = (what: string) => `axonflow-production-${what}`;

    test(
      "exactly the designed metric alarms, each once; no-traffic and paging-delivery " +
        "alarms because it pages, the mirrored series' because it mirrors them",
      () => {
        expect(
          metricAlarms(tf)
            .map((a) => a.alarm_name)
            .sort(),
        ).toEqual(expected("production", ["no-traffic", "paging-deliveries", ...MIRRORED]));
      },
    );

    test("composites: the two burn-rate pairs and the one page alarm", () => {
      expect(
        compositeAlarms(tf)
          .map((a) => a.alarm_name)
          .sort(),
      ).toEqual([...COMPOSITES, "page"].map(name).sort());
    });

    test("the page composite ORs exactly the page-severity alarms and notifies only the paging topic", () => {
      const page = compositeAlarms(tf).find((a) => a.alarm_name === name("page"))!;
      expect(page.alarm_rule).toBe(
        PAGED.map(name)
          .sort()
          .map((n) => `ALARM("${n}")`)
          .join(" OR "),
      );
      expect(page.alarm_actions).toEqual([expect.stringMatching(PAGES_TOPIC_ARN)]);
    });

    test(
      "every alarm but the page composite and the burn-rate windows notifies the alerts " +
        "topic, page-severity ones too (a second incident while a page is open)",
      () => {
        const all = [...metricAlarms(tf), ...compositeAlarms(tf)].filter((a) => a.alarm_name !== name("page"));
        for (const a of all) {
          const n = a.alarm_name as string;
          const silent = /-burn-rate-(fast|slow)-\d+[mh]$/.test(n);
          expect({ n, actions: a.alarm_actions }).toEqual({ n, actions: silent ? [] : [expect.stringMatching(ALERTS_TOPIC_ARN)] });
        }
        // Only the composite notifies the paging topic.
        expect(all.filter((a) => JSON.stringify(a.alarm_actions).includes("pages_topic"))).toEqual([]);
      },
    );

    test("the paging-delivery alarm watches the paging topic and notifies the alerts topic", () => {
      const a = metricAlarms(tf).find((x) => x.alarm_name === name("paging-deliveries"))!;
      expect(a).toMatchObject({
        namespace: "AWS/SNS",
        metric_name: "NumberOfNotificationsFailed",
        dimensions: { TopicName: name("pages") },
        alarm_actions: [expect.stringMatching(ALERTS_TOPIC_ARN)],
      });
    });
  });

  describe("staging (no paging route): never pages", () => {
    const { tf } = synthesized(fixtureEnvironment("staging"));

    test("the same catalog without no-traffic (an idle environment), paging deliveries and the page composite", () => {
      expect(
        metricAlarms(tf)
          .map((a) => a.alarm_name)
          .sort(),
      ).toEqual(expected("staging", []));
      expect(
        compositeAlarms(tf)
          .map((a) => a.alarm_name)
          .sort(),
      ).toEqual(COMPOSITES.map((c) => `axonflow-staging-${c}`).sort());
    });

    test("no paging topic; every alarm but the burn-rate windows notifies the alerts topic", () => {
      expect(Object.values(resourcesOf(tf, "aws_sns_topic")).map((t) => t.name)).toEqual(["axonflow-staging-alerts"]);
      for (const a of [...metricAlarms(tf), ...compositeAlarms(tf)]) {
        const window = /-burn-rate-(fast|slow)-\d+[mh]$/.test(a.alarm_name as string);
        expect({ n: a.alarm_name, actions: a.alarm_actions }).toEqual({
          n: a.alarm_name,
          actions: window ? [] : [expect.stringMatching(ALERTS_TOPIC_ARN)],
        });
      }
    });
  });

  describe.each([["production"], ["staging"]])("%s: every alarm", (env) => {
    const config = fixtureEnvironment(env);
    const { tf } = synthesized(config);

    test(
      "statistic xor extended statistic xor metric math; whole-minute periods; " +
        "datapoints ≤ periods; a runbook link last; a deliberate missing-data rule",
      () => {
        for (const a of metricAlarms(tf)) {
          const shapes = [a.statistic !== undefined, a.extended_statistic !== undefined, a.metric_query !== undefined];
          expect({ name: a.alarm_name, shapes: shapes.filter(Boolean).length }).toEqual({ name: a.alarm_name, shapes: 1 });
          const periods = a.metric_query
            ? (a.metric_query as { metric?: { period: number } }[]).flatMap((q) => (q.metric ? [q.metric.period] : []))
            : [a.period as number];
          for (const p of periods) expect(p % 60).toBe(0);
          expect(a.datapoints_to_alarm as number).toBeLessThanOrEqual(a.evaluation_periods as number);
          expect(a.alarm_description).toMatch(/ Runbook: https:\/\/\S+#[a-z0-9-]+$/);
          expect(["breaching", "notBreaching"]).toContain(a.treat_missing_data);
        }
      },
    );
  });

  describe("routing switches", () => {
    test("a ticket kind overridden to page joins the page rule and keeps its ticket", () => {
      const { tf } = synthesized(configFrom({ alarms: { highLatency: { severity: "page" } } }));
      expect(compositeAlarms(tf).find((a) => a.alarm_name === "axonflow-test-page")?.alarm_rule).toContain(
        'ALARM("axonflow-test-high-latency")',
      );
      expect(metricAlarms(tf).find((a) => a.alarm_name === "axonflow-test-high-latency")?.alarm_actions).toEqual([
        expect.stringMatching(/alerts_topic/),
      ]);
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
      expect(
        metricAlarms(tf)
          .map((a) => a.alarm_name as string)
          .filter((n) => /-(memory|burn-rate)-/.test(n)),
      ).toEqual([]);
    });
  });
});

describe("alarm tuning in environment files", () => {
  describe("alarm defaults", () => {
    test.each(Object.keys(ALARM_DEFAULTS) as AlarmKindKey[])(
      "%s: a minimal file (no paging route) gets exactly the ALARM_DEFAULTS entry",
      (kind) => {
        expect(configFrom({ paging: undefined }).alarms[kind]).toEqual(ALARM_DEFAULTS[kind]);
      },
    );

    test(
      "page by default only on what customers feel: error rates, target health, tasks " +
        "below the floor, no traffic, LLM calls failing on every provider",
      () => {
        const paged = (Object.keys(ALARM_DEFAULTS) as AlarmKindKey[]).filter(
          (k) => (ALARM_DEFAULTS[k] as { severity?: string }).severity === "page",
        );
        expect(paged.sort()).toEqual(["errorRate", "llmFailureShare", "noTraffic", "targetErrorRate", "targetHealth", "tasksBelowFloor"]);
      },
    );

    test("an override changes one field of one kind", () => {
      const c = configFrom({ alarms: { logSilence: { severity: "ticket" } } });
      expect(c.alarms.logSilence).toEqual({ ...ALARM_DEFAULTS.logSilence, severity: "ticket" });
    });

    test("no-traffic: on by default where the environment pages and has a schedule, off elsewhere; the file's own setting wins", () => {
      const portal = { services: { portal: { role: "public", targetGroupArnSuffix: "targetgroup/portal/0123456789abcdef" } } };
      const withSchedule = ({ noTraffic, ...patch }: Record<string, unknown> = {}) =>
        configFrom({
          ...portal,
          ...patch,
          alarms: { noTraffic: { expectedTraffic: [{ fromHourUtc: 9, toHourUtc: 17, minRequests: 5 }], ...(noTraffic as object) } },
        });
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
      [
        "an unknown field of a kind",
        { alarms: { logSilence: { threshold: 3 } } },
        "alarms.logSilence.threshold",
        /unknown key; allowed: .*thresholdCount/,
      ],
      [
        "a removed kind (RestartCount can never fire)",
        { alarms: { ecsRestarts: {} } },
        "alarms.ecsRestarts",
        /unknown key; allowed: .*runningTasks/,
      ],
      ["a negative minimum volume", { alarms: { errorRate: { minRequests: -1 } } }, "alarms.errorRate.minRequests", />=0/],
      [
        "an objective of 100 % (no error budget to burn)",
        { alarms: { burnRate: { objectivePercent: 100 } } },
        "alarms.burnRate.objectivePercent",
        /<100/,
      ],
      ["a memory threshold above 100 %", { alarms: { memory: { thresholdPercent: 120 } } }, "alarms.memory.thresholdPercent", /<=100/],
      ["a negative error-rate percent", { alarms: { errorRate: { thresholdPercent: -5 } } }, "alarms.errorRate.thresholdPercent", />0/],
      ["an error rate above 100 %", { alarms: { errorRate: { thresholdPercent: 150 } } }, "alarms.errorRate.thresholdPercent", /<=100/],
      ["a negative p99 latency", { alarms: { highLatencyP99: { thresholdSeconds: -1 } } }, "alarms.highLatencyP99.thresholdSeconds", />0/],
      [
        "paging deliveries that would page through the failing topic",
        { alarms: { pagingDeliveries: { severity: "page" } } },
        "alarms.pagingDeliveries.severity",
        /allowed: ticket/,
      ],
      [
        "a negative failed-delivery count",
        { alarms: { pagingDeliveries: { thresholdCount: -3 } } },
        "alarms.pagingDeliveries.thresholdCount",
        />=0/,
      ],
      [
        "a log-silence threshold of 0 (can never be below it)",
        { alarms: { logSilence: { thresholdCount: 0 } } },
        "alarms.logSilence.thresholdCount",
        />=1/,
      ],
      ["a negative anomaly band", { alarms: { requestAnomaly: { thresholdStdDevs: -2 } } }, "alarms.requestAnomaly.thresholdStdDevs", />0/],
      [
        "an impossible period",
        { alarms: { logSilence: { periodSeconds: 45 } } },
        "alarms.logSilence.periodSeconds",
        /45 is not an alarm period; allowed: 10, 20, 30 or a multiple of 60 up to 86400/,
      ],
      ["a period over a day", { alarms: { errorRate: { periodSeconds: 90000 } } }, "alarms.errorRate.periodSeconds", /not an alarm period/],
      [
        "a period finer than the metric's resolution",
        { alarms: { logSilence: { periodSeconds: 30 } } },
        "alarms.logSilence.periodSeconds",
        /30 s is finer than the 60 s resolution.*allowed: a multiple of 60/,
      ],
      [
        "more datapoints than periods",
        { alarms: { errorRate: { evaluationPeriods: 2, datapointsToAlarm: 3 } } },
        "alarms.errorRate.datapointsToAlarm",
        /exceeds evaluationPeriods \(2\)/,
      ],
      [
        "a window over a day with a period under an hour (PutMetricAlarm rejects it)",
        { alarms: { highLatencyP99: { periodSeconds: 1800, evaluationPeriods: 60, datapointsToAlarm: 3 } } },
        "alarms.highLatencyP99.evaluationPeriods",
        /span 108000 s; allowed: .* at most 86400 s \(1 day\) for periods under an hour/,
      ],
      ["an unknown severity", { alarms: { cpu: { severity: "urgent" } } }, "alarms.cpu.severity", /page.*ticket/],
      ["a malformed paging e-mail", { paging: { emails: ["pager"] } }, "paging.emails.0", /e-mail address/],
      [
        "a paging URL in the file",
        { paging: { endpoint: "https://events.pagerduty.com/x" } },
        "paging.endpoint",
        /unknown key; allowed: emails, endpointVariable/,
      ],
    ])("rejects %s", (_, patch, field, rule) => {
      const mine = problemsFor(patch).filter((p) => p.startsWith(`environments/test.yaml: ${field}: `));
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatch(rule);
    });
  });
});
