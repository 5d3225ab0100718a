import { Construct } from "constructs";
import type { EnvContext } from "../context";
import { ALB } from "../metrics/catalog";
import type { AlarmActions } from "./alarm-actions";
import { type AlarmWindow, windowOf } from "./alarm-invariants";
import { MetricAlarm } from "./metric-alarm";

/**
 * Who answered 5xx. `target`: the AxonFlow services themselves (the guide's high-error-rate alarm).
 * `elb`: the load balancer, because no target could answer — none healthy (503), a target reset or refused
 * the connection (502), or did not answer in time (504).
 */
export type Alb5xxSource = "target" | "elb";

export interface Alb5xxAlarmProps extends AlarmWindow {
  readonly env: EnvContext;
  readonly source: Alb5xxSource;
  readonly albArnSuffix: string;
  readonly thresholdCount: number;
  readonly actions: AlarmActions;
}

const SOURCES = {
  target: {
    what: "high-error-rate",
    metric: ALB.target5xx,
    says: (lb: string) => `AxonFlow targets behind ${lb} returned`,
    lookAt: "Check the agent and orchestrator logs (Error Analysis query) and ECS task health.",
  },
  elb: {
    what: "elb-5xx",
    metric: ALB.elb5xx,
    says: (lb: string) => `The load balancer ${lb} generated`,
    lookAt: "These are 502/503/504 from the load balancer itself (targets unhealthy, refusing connections or timing out): check target group health and ECS task state.",
  },
} as const;

/** Fires when more HTTP 5xx responses than the threshold come from the ALB's targets, or from the ALB itself, per period. */
export class Alb5xxAlarm extends Construct {
  readonly alarm: MetricAlarm;

  constructor(scope: Construct, id: string, props: Alb5xxAlarmProps) {
    super(scope, id);
    const source = SOURCES[props.source];
    this.alarm = new MetricAlarm(this, "Default", {
      name: props.env.naming.alarm(source.what),
      description: `${source.says(props.albArnSuffix)} more than ${props.thresholdCount} HTTP 5xx responses per ${props.periodSeconds / 60} min. ${source.lookAt}`,
      runbookUrl: props.env.runbook(source.what),
      metric: source.metric.with({ LoadBalancer: props.albArnSuffix }),
      statistic: "Sum",
      ...windowOf(props),
      comparison: "GreaterThanThreshold",
      threshold: props.thresholdCount,
      // The ALB publishes 5xx counts only in periods that have some: no datapoint means no errors, not an outage.
      treatMissingData: "notBreaching",
      actions: props.actions,
      notifyOnOk: true,
    });
  }
}
