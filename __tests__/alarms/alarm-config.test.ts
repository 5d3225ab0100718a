import { ALARM_DEFAULTS, type AlarmKind } from "../../lib/config/alarm-defaults";
import { configFrom, problemsFor } from "../support/environments";

describe("alarm defaults", () => {
  test.each(Object.keys(ALARM_DEFAULTS) as AlarmKind[])("%s: a minimal file (no paging route) gets exactly the ALARM_DEFAULTS entry", (kind) => {
    expect(configFrom({ paging: undefined }).alarms[kind]).toEqual(ALARM_DEFAULTS[kind]);
  });

  test("page by default only on hard-down signals: error rate, target health, running tasks, log silence, no traffic", () => {
    const paged = (Object.keys(ALARM_DEFAULTS) as AlarmKind[]).filter((k) => ALARM_DEFAULTS[k].severity === "page");
    expect(paged.sort()).toEqual(["errorRate", "logSilence", "noTraffic", "runningTasks", "targetHealth"]);
  });

  test("an override changes one field of one kind", () => {
    const c = configFrom({ alarms: { logSilence: { severity: "ticket" } } });
    expect(c.alarms.logSilence).toEqual({ ...ALARM_DEFAULTS.logSilence, severity: "ticket" });
  });

  test("no-traffic: on by default where the environment pages, off elsewhere; the file's own setting wins", () => {
    expect(configFrom().alarms.noTraffic.enabled).toBe(true);
    expect(configFrom({ paging: { emails: [], endpointVariable: true } }).alarms.noTraffic.enabled).toBe(true);
    expect(configFrom({ paging: undefined }).alarms.noTraffic.enabled).toBe(false);
    expect(configFrom({ alarms: { noTraffic: { enabled: false } } }).alarms.noTraffic.enabled).toBe(false);
    expect(configFrom({ paging: undefined, alarms: { noTraffic: { enabled: true } } }).alarms.noTraffic.enabled).toBe(true);
    // Other fields of the kind keep their defaults when only the paging route turned it on.
    expect(configFrom().alarms.noTraffic).toEqual({ ...ALARM_DEFAULTS.noTraffic, enabled: true });
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
