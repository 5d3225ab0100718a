import { ALARM_DEFAULTS, type AlarmKind } from "../lib/config/alarm-defaults";
import { configFrom, problemsFor } from "./support/environments";

describe("alarm defaults", () => {
  test.each(Object.keys(ALARM_DEFAULTS) as AlarmKind[])("%s: a minimal file gets exactly the ALARM_DEFAULTS entry", (kind) => {
    expect(configFrom().alarms[kind]).toEqual(ALARM_DEFAULTS[kind]);
  });

  test("page only on derived signals by default: the 5xx rate and log silence", () => {
    const paged = (Object.keys(ALARM_DEFAULTS) as AlarmKind[]).filter((k) => ALARM_DEFAULTS[k].severity === "page");
    expect(paged.sort()).toEqual(["errorRate", "logSilence"]);
  });

  test("an override changes one field of one kind", () => {
    const c = configFrom({ alarms: { logSilence: { severity: "ticket" } } });
    expect(c.alarms.logSilence).toEqual({ ...ALARM_DEFAULTS.logSilence, severity: "ticket" });
  });

  test("anomaly detection: on by default in production, off elsewhere; the file's own setting wins", () => {
    expect(configFrom({}, "environments/production.yaml").alarms.requestAnomaly.enabled).toBe(true);
    expect(configFrom({ name: "production" }, "environments/prod-eu.yaml").alarms.requestAnomaly.enabled).toBe(true);
    expect(configFrom({}, "environments/staging.yaml").alarms.requestAnomaly.enabled).toBe(false);
    expect(configFrom({}, "environments/eu-prod.yaml").alarms.requestAnomaly.enabled).toBe(false);
    expect(configFrom({ alarms: { requestAnomaly: { enabled: false } } }, "environments/production.yaml").alarms.requestAnomaly.enabled).toBe(false);
    expect(configFrom({ alarms: { requestAnomaly: { enabled: true } } }, "environments/staging.yaml").alarms.requestAnomaly.enabled).toBe(true);
    // Other fields of the kind keep their defaults when only the name turned it on.
    expect(configFrom({}, "environments/production.yaml").alarms.requestAnomaly).toEqual({ ...ALARM_DEFAULTS.requestAnomaly, enabled: true });
  });

  test("paging defaults: no e-mail, no endpoint variable (allowed only where nothing pages)", () => {
    const ticketOnly = { errorRate: { severity: "ticket" }, logSilence: { severity: "ticket" } };
    expect(configFrom({ paging: undefined, alarms: ticketOnly }).paging).toEqual({ emails: [], endpointVariable: false });
    expect(configFrom({ paging: undefined, alarms: { actionsEnabled: false } }).paging.emails).toEqual([]);
    expect(configFrom({ paging: { emails: [], endpointVariable: true } }).paging.endpointVariable).toBe(true);
  });
});

describe("bad alarm overrides name the file and the field", () => {
  test.each<[string, Record<string, unknown>, string, RegExp]>([
    ["an unknown alarm name", { alarms: { logSilent: {} } }, "alarms.logSilent", /unknown key; allowed: .*logSilence/],
    ["an unknown field of a kind", { alarms: { ecsRestarts: { threshold: 3 } } }, "alarms.ecsRestarts.threshold", /unknown key; allowed: .*thresholdCount/],
    ["a negative ELB 5xx count", { alarms: { elb5xx: { thresholdCount: -1 } } }, "alarms.elb5xx.thresholdCount", />=0/],
    ["a negative error-rate percent", { alarms: { errorRate: { thresholdPercent: -5 } } }, "alarms.errorRate.thresholdPercent", />0/],
    ["an error rate above 100 %", { alarms: { errorRate: { thresholdPercent: 150 } } }, "alarms.errorRate.thresholdPercent", /<=100/],
    ["a negative p99 latency", { alarms: { highLatencyP99: { thresholdSeconds: -1 } } }, "alarms.highLatencyP99.thresholdSeconds", />0/],
    ["a negative restart count", { alarms: { ecsRestarts: { thresholdCount: -3 } } }, "alarms.ecsRestarts.thresholdCount", />=0/],
    ["a log-silence threshold of 0 (can never be below it)", { alarms: { logSilence: { thresholdCount: 0 } } }, "alarms.logSilence.thresholdCount", />=1/],
    ["a negative anomaly band", { alarms: { requestAnomaly: { thresholdStdDevs: -2 } } }, "alarms.requestAnomaly.thresholdStdDevs", />0/],
    ["an impossible period", { alarms: { logSilence: { periodSeconds: 45 } } }, "alarms.logSilence.periodSeconds", /45 is not an alarm period; allowed: 10, 20, 30 or a multiple of 60 up to 86400/],
    ["a period over a day", { alarms: { errorRate: { periodSeconds: 90000 } } }, "alarms.errorRate.periodSeconds", /not an alarm period/],
    ["a period finer than the metric's resolution", { alarms: { logSilence: { periodSeconds: 30 } } }, "alarms.logSilence.periodSeconds", /30 s is finer than the 60 s resolution.*allowed: a multiple of 60/],
    ["more datapoints than periods", { alarms: { errorRate: { evaluationPeriods: 2, datapointsToAlarm: 3 } } }, "alarms.errorRate.datapointsToAlarm", /exceeds evaluationPeriods \(2\)/],
    ["a window over a day with a period under an hour (PutMetricAlarm rejects it)", { alarms: { highLatencyP99: { periodSeconds: 1800, evaluationPeriods: 60, datapointsToAlarm: 3 } } }, "alarms.highLatencyP99.evaluationPeriods", /span 108000 s; allowed: .* at most 86400 s \(1 day\) for periods under an hour/],
    ["page alarms with nobody to page", { paging: undefined }, "paging", /page-severity alarms \(errorRate, logSilence\) notify only the paging topic, which would have no subscriber; allowed: paging\.emails/],
    ["an unknown severity", { alarms: { ecsRestarts: { severity: "urgent" } } }, "alarms.ecsRestarts.severity", /page.*ticket/],
    ["a malformed paging e-mail", { paging: { emails: ["pager"] } }, "paging.emails.0", /e-mail address/],
    ["a paging URL in the file", { paging: { endpoint: "https://events.pagerduty.com/x" } }, "paging.endpoint", /unknown key; allowed: emails, endpointVariable/],
  ])("rejects %s", (_, patch, field, rule) => {
    const mine = problemsFor(patch).filter((p) => p.startsWith(`environments/test.yaml: ${field}: `));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatch(rule);
  });
});
