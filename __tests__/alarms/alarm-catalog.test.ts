import { ALERTS_TOPIC_ARN, compositeAlarms, metricAlarms, PAGES_TOPIC_ARN } from "../support/alarms";
import { configFrom, fixtureEnvironment } from "../support/environments";
import { resourcesOf, synthesized } from "../support/synth";

/**
 * The catalog as designed (docs/alarms.md): which alarms exist where, and who each notifies. What each alarm
 * *does* is proven by the incident replays (__tests__/replay); this pins what is deployed.
 */
const PER_SERVICE = {
  // agent: ECS + target group + continuous logs; orchestrator: ECS + continuous logs; portal: target group only.
  agent: ["target-health", "running-tasks", "memory", "cpu", "log-silence", "error-logs"],
  orchestrator: ["running-tasks", "memory", "cpu", "log-silence", "error-logs"],
  "customer-portal": ["target-health", "error-logs"],
};
const ENVIRONMENT_WIDE = ["error-rate", "burn-rate-fast-1h", "burn-rate-fast-5m", "burn-rate-slow-6h", "burn-rate-slow-30m", "high-latency", "high-latency-p99"];
const COMPOSITES = ["burn-rate-fast", "burn-rate-slow"];
const PAGED = ["error-rate", "burn-rate-fast", "no-traffic", "target-health-agent", "target-health-customer-portal", "running-tasks-agent", "running-tasks-orchestrator", "log-silence-agent", "log-silence-orchestrator"];

const expected = (env: string, extra: string[]) =>
  [...ENVIRONMENT_WIDE, ...extra, ...Object.entries(PER_SERVICE).flatMap(([service, kinds]) => kinds.map((k) => `${k}-${service}`))].map((k) => `axonflow-${env}-${k}`).sort();

describe("production (pages): the catalog and its routes", () => {
  const { tf } = synthesized(fixtureEnvironment("production"));
  const name = (what: string) => `axonflow-production-${what}`;

  test("exactly the designed metric alarms, each once; no-traffic and paging-delivery alarms because it pages", () => {
    expect(metricAlarms(tf).map((a) => a.alarm_name).sort()).toEqual(expected("production", ["no-traffic", "paging-deliveries"]));
  });

  test("composites: the two burn-rate pairs and the one page alarm", () => {
    expect(compositeAlarms(tf).map((a) => a.alarm_name).sort()).toEqual([...COMPOSITES, "page"].map(name).sort());
  });

  test("the page composite ORs exactly the page-severity alarms and notifies only the paging topic", () => {
    const page = compositeAlarms(tf).find((a) => a.alarm_name === name("page"))!;
    expect(page.alarm_rule).toBe(PAGED.map(name).sort().map((n) => `ALARM("${n}")`).join(" OR "));
    expect(page.alarm_actions).toEqual([expect.stringMatching(PAGES_TOPIC_ARN)]);
  });

  test("page-severity alarms have no actions of their own; every other alarm notifies the alerts topic, or is a burn-rate window", () => {
    const all = [...metricAlarms(tf), ...compositeAlarms(tf)].filter((a) => a.alarm_name !== name("page"));
    for (const a of all) {
      const n = a.alarm_name as string;
      const silent = PAGED.map(name).includes(n) || /-burn-rate-(fast|slow)-\d+[mh]$/.test(n);
      expect({ n, actions: a.alarm_actions }).toEqual({ n, actions: silent ? [] : [expect.stringMatching(ALERTS_TOPIC_ARN)] });
    }
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
  test("a ticket kind overridden to page joins the page rule and loses its direct actions", () => {
    const { tf } = synthesized(configFrom({ alarms: { highLatency: { severity: "page" } } }));
    expect(compositeAlarms(tf).find((a) => a.alarm_name === "axonflow-test-page")?.alarm_rule).toContain('ALARM("axonflow-test-high-latency")');
    expect(metricAlarms(tf).find((a) => a.alarm_name === "axonflow-test-high-latency")?.alarm_actions).toEqual([]);
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
