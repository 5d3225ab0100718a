import fc from "fast-check";
import { CLOUDWATCH_RETENTION_DAYS } from "../../lib/config/retention";

/**
 * Random environment files as data, for property tests. `validEnvironment` stays inside the schema;
 * `anyEnvironment` mixes valid values with near misses and junk in every field, and drops fields at random.
 */
const hex16 = fc.stringMatching(/^[0-9a-f]{16}$/);
const albName = fc.stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,8}[A-Za-z0-9])?$/);
const ecsName = fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/);
/**
 * `<scheme>://<domain>/<path>`. Not fc.webUrl: its path arbitrary is slow to build on first use, in every test
 * file.
 */
const url = (scheme: string) =>
  fc
    .tuple(fc.domain(), fc.array(fc.stringMatching(/^[A-Za-z0-9._~-]{1,10}$/), { maxLength: 3 }))
    .map(([host, path]) => [`${scheme}://${host}`, ...path].join("/"));
const serviceKey = fc.stringMatching(/^[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}$/);
const retention = fc.constantFrom(...CLOUDWATCH_RETENTION_DAYS);
// Every configurable alarm watches a metric published once a minute, so the schema takes multiples of 60 only.
const period = fc.constantFrom(60, 120, 300, 900, 3600);
const severity = fc.constantFrom("page", "ticket");
const simpleEmail = fc
  .tuple(fc.stringMatching(/^[a-z][a-z0-9]{0,10}$/), fc.constantFrom("example.com", "axonflow.example.org"))
  .map(([u, d]) => `${u}@${d}`);
const tagText = fc
  .stringMatching(/^[A-Za-z0-9 _.:/=+@-]{1,20}$/)
  .filter((k) => !k.toLowerCase().startsWith("aws:") && !["Environment", "Application", "ManagedBy"].includes(k));

const tuning = (threshold: Record<string, fc.Arbitrary<unknown>>) =>
  fc
    .record(
      { enabled: fc.boolean(), severity, periodSeconds: period, evaluationPeriods: fc.integer({ min: 1, max: 5 }), ...threshold },
      { requiredKeys: [] },
    )
    // With evaluationPeriods set, datapointsToAlarm must be too: its default (the kind's) may exceed it.
    .chain((t) =>
      t.evaluationPeriods === undefined
        ? fc.constant(t)
        : fc.integer({ min: 1, max: t.evaluationPeriods as number }).map((d) => ({ ...t, datapointsToAlarm: d })),
    );

/** 1–3 windows of whole UTC hours that do not overlap: sorted distinct boundaries, taken in pairs. */
const trafficSchedule = fc
  .uniqueArray(fc.integer({ min: 0, max: 24 }), { minLength: 2, maxLength: 6 })
  .map((hours) => [...hours].sort((a, b) => a - b))
  .chain((hours) => {
    const windows = [];
    for (let i = 0; i + 1 < hours.length; i += 2) {
      windows.push(
        fc.record(
          {
            fromHourUtc: fc.constant(hours[i]),
            toHourUtc: fc.constant(hours[i + 1]),
            days: fc.constantFrom("every-day", "weekdays"),
            minRequests: fc.integer({ min: 1, max: 1000 }),
          },
          { requiredKeys: ["fromHourUtc", "toHourUtc", "minRequests"] },
        ),
      );
    }
    return fc.tuple(...windows);
  });

export const validEnvironment: fc.Arbitrary<Record<string, unknown>> = fc
  .record(
    {
      accountId: fc.stringMatching(/^\d{12}$/),
      region: fc.constantFrom("us-east-1", "eu-west-1", "ap-southeast-2", "cn-north-1", "us-gov-west-1"),
      alb: fc.record({ arnSuffix: fc.tuple(albName, hex16).map(([n, h]) => `app/${n}/${h}`) }),
      ecs: fc.record({ clusterName: ecsName }),
      services: fc.uniqueArray(serviceKey, { minLength: 1, maxLength: 4 }).chain((keys) =>
        fc
          .tuple(
            ...keys.map((_, i) =>
              fc.record(
                {
                  role: fc.constantFrom("public", "internal", "worker"),
                  retentionDays: retention,
                  // Distinct per service: one ECS service or target group belongs to one service.
                  ecsServiceName: fc.constant(`svc-${i}`),
                  targetGroupArnSuffix: hex16.map((h) => `targetgroup/tg-${i}/${h}`),
                  minHealthyTargets: fc.integer({ min: 1, max: 10 }),
                  writesHeartbeats: fc.boolean(),
                  logsEachRequest: fc.boolean(),
                },
                { requiredKeys: ["role", "targetGroupArnSuffix"] },
              ),
            ),
          )
          .map((vals) =>
            Object.fromEntries(
              keys.map((k, i) => [k, withRoleRules(vals[i] as Record<string, unknown>, keys, vals as Record<string, unknown>[])]),
            ),
          ),
      ),
      logs: fc.record({ retentionDays: retention }, { requiredKeys: [] }),
      alerts: fc.record({ emails: fc.uniqueArray(simpleEmail, { maxLength: 3 }) }),
      // With or without a paging route (without one, nothing pages).
      paging: fc.record({ emails: fc.uniqueArray(simpleEmail, { maxLength: 2 }), endpointVariable: fc.boolean() }, { requiredKeys: [] }),
      alarms: fc.record(
        {
          actionsEnabled: fc.boolean(),
          errorRate: tuning({
            thresholdPercent: fc.double({ min: 0.01, max: 100, noNaN: true }),
            minRequests: fc.integer({ min: 0, max: 10_000 }),
          }),
          burnRate: fc.record(
            { enabled: fc.boolean(), objectivePercent: fc.double({ min: 90, max: 99.999, noNaN: true }) },
            { requiredKeys: [] },
          ),
          targetHealth: tuning({}),
          runningTasks: tuning({}),
          tasksBelowFloor: tuning({}),
          targetErrorRate: tuning({
            thresholdPercent: fc.double({ min: 0.01, max: 100, noNaN: true }),
            minRequests: fc.integer({ min: 0, max: 10_000 }),
          }),
          highLatency: tuning({ thresholdSeconds: fc.double({ min: 0.001, max: 120, noNaN: true }) }),
          highLatencyP99: tuning({ thresholdSeconds: fc.double({ min: 0.001, max: 120, noNaN: true }) }),
          logSilence: tuning({ thresholdCount: fc.integer({ min: 1, max: 100 }) }),
          errorLogs: tuning({
            thresholdPercent: fc.double({ min: 0.01, max: 100, noNaN: true }),
            minLines: fc.integer({ min: 0, max: 1000 }),
          }),
          memory: tuning({ thresholdPercent: fc.double({ min: 1, max: 100, noNaN: true }) }),
          cpu: tuning({ thresholdPercent: fc.double({ min: 1, max: 100, noNaN: true }) }),
          requestAnomaly: tuning({ thresholdStdDevs: fc.double({ min: 0.5, max: 10, noNaN: true }) }),
          pagingDeliveries: tuning({ thresholdCount: fc.integer({ min: 0, max: 100 }), severity: fc.constant("ticket") }),
          noTraffic: tuning({ expectedTraffic: trafficSchedule }).map((t: Record<string, unknown>) => ({
            ...t,
            expectedTraffic: t.expectedTraffic ?? [{ fromHourUtc: 9, toHourUtc: 17, minRequests: 1 }],
          })),
        },
        { requiredKeys: [] },
      ),
      runbookBaseUrl: url("https"),
      tags: fc.dictionary(tagText, tagText, { maxKeys: 4 }),
    },
    { requiredKeys: ["accountId", "region", "alb", "ecs", "runbookBaseUrl"] },
  )
  .map(withNoTrafficRule);

/** no-traffic reads the time from a target group's health checks: off where no service has one. */
function withNoTrafficRule(env: Record<string, unknown>): Record<string, unknown> {
  const services = Object.values((env.services ?? {}) as Record<string, Record<string, unknown>>);
  const alarms = env.alarms as Record<string, Record<string, unknown>> | undefined;
  if (!alarms?.noTraffic || services.some((s) => s.targetGroupArnSuffix !== undefined)) return env;
  return { ...env, alarms: { ...alarms, noTraffic: { ...alarms.noTraffic, enabled: false } } };
}

/**
 * A drawn service made to follow the schema's role rules: a public one has its target group, others none; an
 * internal one is called by the first public service (a worker where there is none).
 */
function withRoleRules(
  service: Record<string, unknown>,
  keys: readonly string[],
  all: readonly Record<string, unknown>[],
): Record<string, unknown> {
  const { targetGroupArnSuffix, ...rest } = service;
  const caller = keys.find((_, i) => all[i].role === "public");
  if (service.role === "public") return { ...rest, targetGroupArnSuffix };
  if (service.role === "internal" && caller !== undefined) return { ...rest, calledBy: caller };
  return { ...rest, role: "worker" };
}

const junk = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
);

/** Each field: valid (most of the time), a near miss, or junk; whole keys dropped or invented. */
export const anyEnvironment: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    validEnvironment,
    fc.record(
      {
        accountId: fc.oneof(fc.integer(), fc.stringMatching(/^\d{1,14}$/), junk),
        region: fc.oneof(fc.constantFrom("US-EAST-1", "eu-west-1a", "moon-1", ""), junk),
        alb: fc.oneof(
          fc.record({ arnSuffix: fc.oneof(fc.string(), fc.stringMatching(/^(app|net)\/[a-z-]{0,40}\/[0-9a-f]{0,20}$/)) }),
          junk,
        ),
        ecs: fc.oneof(fc.record({ clusterName: fc.string() }), junk),
        services: fc.oneof(
          fc.dictionary(
            fc.string(),
            fc.record({ ecsServiceName: fc.oneof(ecsName, fc.string()), retentionDays: fc.integer() }, { requiredKeys: [] }),
            { maxKeys: 3 },
          ),
          junk,
        ),
        logs: fc.oneof(fc.record({ retentionDays: fc.oneof(fc.integer(), retention) }), junk),
        alerts: fc.oneof(fc.record({ emails: fc.array(fc.oneof(fc.emailAddress(), simpleEmail, fc.string()), { maxLength: 4 }) }), junk),
        alarms: fc.oneof(
          fc.record({
            errorRate: fc.record(
              {
                periodSeconds: fc.integer({ min: -10, max: 100_000 }),
                evaluationPeriods: fc.integer({ min: -1, max: 120 }),
                datapointsToAlarm: fc.integer({ min: 0, max: 10 }),
                thresholdPercent: fc.double(),
              },
              { requiredKeys: [] },
            ),
          }),
          fc.record({ highLatency: fc.record({ thresholdSeconds: fc.double(), enabled: junk }, { requiredKeys: [] }) }),
          junk,
        ),
        runbookBaseUrl: fc.oneof(url("https"), url("http"), url("ftp"), fc.string({ maxLength: 600 }), junk),
        tags: fc.oneof(fc.dictionary(fc.string({ maxLength: 140 }), fc.string({ maxLength: 300 }), { maxKeys: 5 }), junk),
        name: fc.oneof(fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/), fc.string()),
        [`unknown${"Key"}`]: junk,
      },
      { requiredKeys: [] },
    ),
    fc.array(fc.constantFrom("accountId", "region", "alb", "ecs", "runbookBaseUrl", "services"), { maxLength: 2 }),
  )
  .map(([valid, broken, dropped]) => {
    const out: Record<string, unknown> = { ...valid, ...broken };
    for (const k of dropped) delete out[k];
    return out;
  });
