import { ALB } from "../../metrics/catalog";
import { mirroredMetric, mirrors } from "../../prometheus/mirrored-metrics";
import { MINIMUM_COUNT, PERCENT, stackKind } from "../alarm-kind";
import type { MathMetric } from "../math-alarm";

/**
 * Requests blocked by policy (the agent's static and tenant policies and approval holds, plus the orchestrator's
 * dynamic ones where mirrored) as a share of the requests the load balancer sent the agent; a ticket: a policy change blocking
 * good traffic or an attack wave needs a person, not a wake-up. A share, so a busy hour is judged as a quiet one. A
 * fixed multiple of the normal share rather than an anomaly band: the band's model is unpublished, needs two weeks of
 * history and cannot be replayed exactly; the share threshold is, and a changed normal is one reviewed line.
 * The denominator is the agent's target group's RequestCount, not the agent's own counter: the agent counts no
 * request it could not forward, so with the orchestrator down its counted requests shrink to the blocked and
 * non-LLM ones and the share would jump with no block more (replay: orchestrator-down). An agent with no target
 * group falls back to its counted requests, with that blind spot.
 */
export const policyBlockSpike = stackKind({
  key: "policyBlockSpike",
  // AxonFlow's normal block share is a few percent (the replay's world: 3 %); 15 % is five times that, in 3 of 3
  // periods of 5 min so one burst of a misbehaving client is not a ticket. Under 100 requests a period counts as
  // 0 %: a handful of blocks at night is a share of nothing.
  defaults: {
    enabled: false,
    severity: "ticket",
    periodSeconds: 300,
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
    thresholdPercent: 15,
    minRequests: 100,
  },
  threshold: {
    thresholdPercent: PERCENT,
    /** Requests the agent answered per period below which the share counts as 0. */
    minRequests: MINIMUM_COUNT,
  },
  needsSignals: ["agentRequests", "agentBlockedRequests"],
  alarms: ({ env, prometheus, albArnSuffix, services, tuning: t }) => {
    if (prometheus === undefined) return [];
    const namespace = env.naming.metricNamespace;
    const targetGroup = services[prometheus.agent.service]?.targetGroupArnSuffix;
    const answered: MathMetric[] =
      targetGroup !== undefined
        ? [
            {
              id: "routed",
              metric: ALB.targetGroupRequestCount.with({ LoadBalancer: albArnSuffix, TargetGroup: targetGroup }),
              stat: "Sum",
            },
          ]
        : // Every outcome the agent counts.
          (["success", "orchestrator_error", "blocked", "hitl_blocked"] as const).map((status, i) => ({
            id: `req${i}`,
            metric: mirroredMetric(namespace, prometheus, "agentRequests", { status }),
            stat: "Sum",
          }));
    const blocked: MathMetric[] = [
      { id: "agentBlocked", metric: mirroredMetric(namespace, prometheus, "agentBlockedRequests"), stat: "Sum" },
    ];
    if (mirrors(prometheus, ["orchestratorBlockedRequests"]))
      blocked.push({
        id: "orchestratorBlocked",
        metric: mirroredMetric(namespace, prometheus, "orchestratorBlockedRequests"),
        stat: "Sum",
      });
    const sum = (ms: readonly MathMetric[]) => ms.map((m) => `FILL(${m.id}, 0)`).join(" + ");
    const what = blocked.map((m) => m.metric.metricName).join(" + ");
    return [
      {
        name: "policy-block-spike",
        spec: {
          kind: "math",
          thresholdUnit: "Percent",
          description:
            `More than ${t.thresholdPercent}% of the requests to the agent were blocked by policy (${what}) in ` +
            `${t.datapointsToAlarm} of ${t.evaluationPeriods} periods of ${t.periodSeconds / 60} min (periods with ` +
            `fewer than ${t.minRequests} requests count as 0 %): a policy change blocking good traffic, or an attack or ` +
            `abusive client. Check the Policy Blocks by Type query for which policy and which clients.`,
          metrics: [...answered, ...blocked],
          expressions: [
            { id: "requests", expression: sum(answered), label: "requests to the agent" },
            {
              id: "share",
              expression: `IF(requests >= ${t.minRequests}, 100 * (${sum(blocked)}) / requests, 0)`,
              label: "blocked % of agent requests",
            },
          ],
          alarmOn: "share",
          condition: { comparison: "GreaterThanThreshold", threshold: t.thresholdPercent },
          // No series at all is no agent (its own alarms' case), not a block wave.
          treatMissingData: "notBreaching",
        },
      },
    ];
  },
});
