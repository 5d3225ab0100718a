import { FAILED_CALL_PROVIDER, mirroredMetric } from "../../prometheus/mirrored-metrics";
import { MINIMUM_COUNT, PERCENT, stackKind } from "../alarm-kind";
import type { MathMetric } from "../math-alarm";

/**
 * LLM calls no provider answered, as a share of all LLM calls, from the mirrored `llm_calls_total`; pages. AxonFlow
 * counts a failure as (provider "unknown", status "error") only after its router tried every provider, and each such
 * call is a customer request that failed, so the share is customers failing, whatever the load balancer's other
 * traffic hides. No per-provider failure exists to divide (a provider failing behind the fallback is
 * llm-provider-share's). Alarms cannot SEARCH, so every provider of `prometheus.llmProviders` is listed; "mock"
 * (skip_llm test calls, which cannot fail) is left out: a load test of mock calls would dilute real failures.
 */
export const llmFailureShare = stackKind({
  key: "llmFailureShare",
  // 5 % of calls in 2 of 3 periods of 5 min, as error-rate: a share that high is customers failing, not noise.
  // Under 50 calls a period counts as 0 %: one failed call among a night's twenty is no outage.
  defaults: {
    enabled: false,
    severity: "page",
    periodSeconds: 300,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    thresholdPercent: 5,
    minCalls: 50,
  },
  threshold: {
    thresholdPercent: PERCENT,
    /** LLM calls (answered + failed) per period below which the share counts as 0. */
    minCalls: MINIMUM_COUNT,
  },
  needsSignals: ["llmCalls"],
  alarms: ({ env, prometheus, tuning: t }) => {
    if (prometheus === undefined) return [];
    const namespace = env.naming.metricNamespace;
    const failed: MathMetric = {
      id: "failed",
      metric: mirroredMetric(namespace, prometheus, "llmCalls", { provider: FAILED_CALL_PROVIDER, status: "error" }),
      stat: "Sum",
    };
    const answered: MathMetric[] = prometheus.llmProviders.map((provider, i) => ({
      id: `ok${i}`,
      metric: mirroredMetric(namespace, prometheus, "llmCalls", { provider, status: "success" }),
      stat: "Sum",
    }));
    // A series exists only once it has counted (a task's first failure): missing is 0, FILLed.
    const calls = `FILL(failed, 0) + ${answered.map((m) => `FILL(${m.id}, 0)`).join(" + ")}`;
    return [
      {
        name: "llm-failure-share",
        spec: {
          kind: "math",
          thresholdUnit: "Percent",
          description:
            `More than ${t.thresholdPercent}% of the orchestrator's LLM calls failed on every provider in ` +
            `${t.datapointsToAlarm} of ${t.evaluationPeriods} periods of ${t.periodSeconds / 60} min (periods ` +
            `with fewer than ${t.minCalls} calls count as 0 %): customers get errors. Check the providers' ` +
            `status pages, the orchestrator's provider-error log lines and its API keys.`,
          metrics: [failed, ...answered],
          expressions: [
            { id: "calls", expression: calls, label: "LLM calls" },
            { id: "share", expression: `IF(calls >= ${t.minCalls}, 100 * FILL(failed, 0) / calls, 0)`, label: "failed % of LLM calls" },
          ],
          alarmOn: "share",
          condition: { comparison: "GreaterThanThreshold", threshold: t.thresholdPercent },
          // No series at all is no orchestrator (tasks-below-floor's case), not failing calls.
          treatMissingData: "notBreaching",
        },
      },
    ];
  },
});
