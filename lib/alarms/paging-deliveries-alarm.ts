import { Construct } from "constructs";
import type { EnvContext } from "../context";
import { SNS } from "../metrics/catalog";
import type { AlarmActions } from "./alarm-actions";
import { type AlarmWindow, windowOf } from "./alarm-invariants";
import { MetricAlarm } from "./metric-alarm";

export interface PagingDeliveriesAlarmProps extends AlarmWindow {
  readonly env: EnvContext;
  /** Name of the paging topic, the TopicName dimension. */
  readonly topicName: string;
  readonly thresholdCount: number;
  /** The ticket route: a page about pages that fail to arrive would go through the failing topic. */
  readonly actions: AlarmActions;
}

/** Fires when the paging topic fails to deliver: the pager endpoint refuses, or a subscription broke. */
export class PagingDeliveriesAlarm extends Construct {
  readonly alarm: MetricAlarm;

  constructor(scope: Construct, id: string, props: PagingDeliveriesAlarmProps) {
    super(scope, id);
    this.alarm = new MetricAlarm(this, "Default", {
      name: props.env.naming.alarm("paging-deliveries"),
      description: `SNS failed to deliver more than ${props.thresholdCount} notifications of the paging topic ${props.topicName} in ${props.periodSeconds / 60} min: pages may not reach on-call. Check the topic's subscriptions (a pending or deleted one, an endpoint answering errors) and the paging endpoint's status.`,
      runbookUrl: props.env.runbook("paging-deliveries"),
      metric: SNS.notificationsFailed.with({ TopicName: props.topicName }),
      statistic: "Sum",
      ...windowOf(props),
      comparison: "GreaterThanThreshold",
      threshold: props.thresholdCount,
      // Published only when a delivery failed: no datapoint is no failure.
      treatMissingData: "notBreaching",
      actions: props.actions,
      notifyOnOk: true,
    });
  }
}
