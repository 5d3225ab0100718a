import { z } from "zod";
import { mirroredMetric } from "../../prometheus/mirrored-metrics";
import { MINIMUM_COUNT, PERCENT, stackKind } from "../alarm-kind";
import type { MathMetric } from "../math-alarm";

/**
 * One LLM provider's share of the answered calls collapsing while the others answer: the provider failing behind
 * the router's fallback. AxonFlow writes no failure with the provider's name (llm-failure-share), so what shows is
 * its successes falling and the others' rising; customers hardly notice, so a ticket. One alarm per provider of
 * `prometheus.llmProviders`, none with a single provider (nothing to fall back to: that is llm-failure-share).
 * A static floor, not a band: CloudWatch's model is unpublished and trains for two weeks; a floor is exact and
 * reviewed. Its cost: a provider routed at weight 0 on purpose (a standby, a routing change) fires until it is
 * listed in `excludeProviders` or removed from `llmProviders`.
 */
export const llmProviderShare = stackKind({
  key: "llmProviderShare",
  // Under 2 % of the answers in 3 of 3 periods of 5 min: any weight a router is given on purpose is far above 2 %,
  // a dead provider's share is 0, and 15 minutes outlast a router's short retries. Under 100 answers a period
  // counts as healthy: at night a few dozen calls can all land on one provider by chance.
  defaults: {
    enabled: false,
    severity: "ticket",
    periodSeconds: 300,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    thresholdPercent: 2,
    minCalls: 100,
    excludeProviders: [] as string[],
  },
  threshold: {
    thresholdPercent: PERCENT,
    /** Answered LLM calls (every provider) per period below which no provider's share is judged. */
    minCalls: MINIMUM_COUNT,
    /** Providers of `prometheus.llmProviders` not to watch: those routed at weight 0 on purpose. */
    excludeProviders: z.array(z.string()),
  },
  needsSignals: ["llmCalls"],
  alarms: ({ env, prometheus, tuning: t }) => {
    if (prometheus === undefined || prometheus.llmProviders.length < 2) return [];
    const namespace = env.naming.metricNamespace;
    const answered: MathMetric[] = prometheus.llmProviders.map((provider, i) => ({
      id: `ok${i}`,
      metric: mirroredMetric(namespace, prometheus, "llmCalls", { provider, status: "success" }),
      stat: "Sum",
    }));
    // A provider's series exists once it has answered: missing is 0, FILLed.
    const total = answered.map((m) => `FILL(${m.id}, 0)`).join(" + ");
    return prometheus.llmProviders.flatMap((provider, i) =>
      t.excludeProviders.includes(provider)
        ? []
        : [
            {
              name: `llm-provider-share-${provider}`,
              spec: {
                kind: "math" as const,
                thresholdUnit: "Percent" as const,
                description:
                  `The LLM provider ${provider} answered less than ${t.thresholdPercent}% of the orchestrator's answered ` +
                  `LLM calls in ${t.datapointsToAlarm} of ${t.evaluationPeriods} periods of ${t.periodSeconds / 60} min ` +
                  `(periods with fewer than ${t.minCalls} answers are not judged): it fails or is unreachable, and the ` +
                  `router falls back to the others. Check its status page, the orchestrator's provider-error lines and ` +
                  `its API key; a provider at weight 0 on purpose belongs in excludeProviders.`,
                metrics: answered,
                expressions: [
                  { id: "answered", expression: total, label: "answered LLM calls" },
                  {
                    id: "share",
                    expression: `IF(answered >= ${t.minCalls}, 100 * FILL(ok${i}, 0) / answered, 100)`,
                    label: `${provider} % of answered calls`,
                  },
                ],
                alarmOn: "share",
                condition: { comparison: "LessThanThreshold" as const, threshold: t.thresholdPercent },
                // No series at all is no orchestrator or no traffic: other alarms' cases, not this provider's.
                treatMissingData: "notBreaching" as const,
              },
            },
          ],
    );
  },
});
