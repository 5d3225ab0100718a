import { Construct } from "constructs";
import type { EnvContext } from "../context";
import type { AlarmActions } from "./alarm-actions";
import { type AlarmWindow, windowOf } from "./alarm-invariants";
import { albErrorInputs } from "./error-rate-alarm";
import { MathAlarm } from "./math-alarm";

export interface NoTrafficAlarmProps extends AlarmWindow {
  readonly env: EnvContext;
  readonly albArnSuffix: string;
  /** Fewer answers than this per period fires. */
  readonly thresholdCount: number;
  readonly actions: AlarmActions;
}

/**
 * Fires when the load balancer answers (almost) nothing for the whole window: clients cannot reach AxonFlow (DNS,
 * CDN, a network change in front of the ALB) while every service looks healthy. Meant for environments with
 * steady traffic, where the quietest night still brings requests every minute; an idle environment would fire
 * every night. Static on purpose: an anomaly band trained on ordinary days also fires on a launch day or holiday.
 */
export class NoTrafficAlarm extends Construct {
  readonly alarm: MathAlarm;

  constructor(scope: Construct, id: string, props: NoTrafficAlarmProps) {
    super(scope, id);
    const { requests, elb5xx, answers } = albErrorInputs(props.albArnSuffix);
    this.alarm = new MathAlarm(this, "Default", {
      thresholdUnit: "Count",
      name: props.env.naming.alarm("no-traffic"),
      description: `${props.albArnSuffix} answered fewer than ${props.thresholdCount} requests per ${props.periodSeconds / 60} min for ${props.datapointsToAlarm} of ${props.evaluationPeriods} periods: clients no longer reach it. Check DNS, the CDN or API gateway in front of it, and the load balancer's listeners and security groups.`,
      runbookUrl: props.env.runbook("no-traffic"),
      metrics: [requests, elb5xx],
      expressions: [answers],
      alarmOn: answers.id,
      ...windowOf(props),
      condition: { comparison: "LessThanThreshold", threshold: props.thresholdCount },
      // The FILLed sum has a value even with no datapoint at all; were it ever missing, that is still no traffic.
      treatMissingData: "breaching",
      actions: props.actions,
      notifyOnOk: true,
    });
  }
}
