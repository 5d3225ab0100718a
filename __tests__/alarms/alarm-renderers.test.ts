import { App, TerraformStack } from "cdktf";
import { checkMathAlarm, MathAlarm, type MathAlarmProps } from "../../lib/alarms/math-alarm";
import { checkMetricAlarm, MetricAlarm, type MetricAlarmProps } from "../../lib/alarms/metric-alarm";
import { ALB } from "../../lib/metrics/catalog";

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
        [
          "datapoints above evaluation periods",
          { datapointsToAlarm: 3 },
          /datapointsToAlarm 3 must be between 1 and evaluationPeriods \(2\)/,
        ],
        ["zero evaluation periods", { evaluationPeriods: 0 }, /evaluationPeriods 0/],
        ["a window over 7 days", { periodSeconds: 86400, evaluationPeriods: 8 }, /at most 604800 s \(7 days\)/],
        [
          "a window over a day with a period under an hour",
          { periodSeconds: 1800, evaluationPeriods: 60, datapointsToAlarm: 1 },
          /at most 86400 s \(1 day\) for periods under an hour/,
        ],
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
        expect(ALB.target5xx.with({ LoadBalancer: "app/a/0123456789abcdef" }).dimensions).toEqual({
          LoadBalancer: "app/a/0123456789abcdef",
        });
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
        [
          "more than 10 metrics",
          { metrics: eleven, expressions: [{ id: "rate", expression: "m0", label: "x" }] },
          /11 metrics; allowed: 1 to 10 per metric-math alarm/,
        ],
        ["no metric", { metrics: [], expressions: [{ id: "rate", expression: "1", label: "x" }] }, /0 metrics; allowed: 1 to 10/],
        [
          "an id used twice",
          { expressions: [{ id: "errors", expression: "requests", label: "x" }], alarmOn: "errors" },
          /query id "errors" is used twice; rename one/,
        ],
        [
          "an id starting upper case",
          { expressions: [{ id: "Rate", expression: "requests", label: "x" }], alarmOn: "Rate" },
          /query id "Rate" must start with a lowercase letter/,
        ],
        [
          "a misspelt reference",
          { expressions: [{ id: "rate", expression: "100 * erors / requests", label: "x" }] },
          /expression rate references "erors"; allowed: the other ids requests, errors/,
        ],
        [
          "a self reference",
          { expressions: [{ id: "rate", expression: "rate + requests", label: "x" }] },
          /expression rate references "rate"/,
        ],
        [
          "an expression that does not parse",
          { expressions: [{ id: "rate", expression: "100 * (errors / requests", label: "x" }] },
          /query rate: expression "100 \* \(errors \/ requests": does not parse/,
        ],
        [
          "a reference inside a function",
          { expressions: [{ id: "rate", expression: "IF(FILL(erors, 0) > 1, 1, 0) + requests", label: "x" }] },
          /expression rate references "erors"/,
        ],
        ["alarming on an unknown id", { alarmOn: "ratio" }, /alarmOn "ratio" is not one of the ids requests, errors, rate/],
        [
          "a band id that is not a band",
          { condition: { comparison: "GreaterThanUpperThreshold", bandId: "rate" } },
          /bandId "rate" must name an ANOMALY_DETECTION_BAND/,
        ],
        [
          "a band id whose band is only a part of its expression",
          {
            expressions: [...valid.expressions, { id: "band", expression: "ANOMALY_DETECTION_BAND(rate) * 2", label: "x" }],
            condition: { comparison: "GreaterThanUpperThreshold", bandId: "band" },
          },
          /bandId "band" must name an ANOMALY_DETECTION_BAND/,
        ],
        [
          "a non-finite threshold",
          { condition: { comparison: "GreaterThanThreshold", threshold: Number.POSITIVE_INFINITY } },
          /threshold Infinity must be a finite number/,
        ],
        [
          "a malformed percentile",
          { metrics: [{ id: "requests", metric: ALB.targetResponseTime.with(lb), stat: "p999x" }, valid.metrics[1]] },
          /stat "p999x" is not a percentile/,
        ],
        ["a 45 s period", { periodSeconds: 45 }, /period 45 s is not allowed; allowed: 10, 20, 30 or a multiple of 60/],
        [
          "datapoints above evaluation periods",
          { datapointsToAlarm: 4 },
          /datapointsToAlarm 4 must be between 1 and evaluationPeriods \(3\)/,
        ],
        [
          "a runbook link without an anchor",
          { runbookUrl: "https://runbooks.example.com/" },
          /runbookUrl .* must be an https URL with an #anchor/,
        ],
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
