import type { MetricSink } from "../metric-data";
import { countPoint } from "./datapoints";
import type { Topology } from "./topology";

/** A notification the alarm engine sent to a topic (the runner has these after evaluating the alarms). */
export interface TopicNotification {
  readonly topicName: string;
  /** Unix seconds. */
  readonly timestamp: number;
}

/** When deliveries from a topic fail, in Unix seconds [from, until). */
export interface DeliveryFailureWindow {
  readonly topicName: string;
  readonly from: number;
  readonly until: number;
}

/**
 * `AWS/SNS` NumberOfNotificationsFailed per {TopicName} ("Amazon SNS metrics"): only for deliveries that were
 * attempted and failed. A topic only delivers what CloudWatch alarms publish to it, which the world cannot know on
 * its own: the runner passes the notifications it saw, and each one published inside a failure window counts one
 * failed delivery per subscription of the topic. Nothing is published outside the windows or without notifications.
 */
export function publishSnsDeliveryFailures(
  sink: MetricSink,
  topology: Topology,
  windows: readonly DeliveryFailureWindow[],
  notifications: readonly TopicNotification[],
): void {
  const perMinute = new Map<string, Map<number, number>>();
  for (const n of notifications) {
    const failing = windows.some((w) => w.topicName === n.topicName && n.timestamp >= w.from && n.timestamp < w.until);
    if (!failing) continue;
    const minute = Math.floor(n.timestamp / 60) * 60;
    const byMinute = perMinute.get(n.topicName) ?? new Map<number, number>();
    byMinute.set(minute, (byMinute.get(minute) ?? 0) + Math.max(1, topology.subscriptionsPerTopic[n.topicName] ?? 0));
    perMinute.set(n.topicName, byMinute);
  }
  for (const [topicName, byMinute] of perMinute) {
    for (const minute of [...byMinute.keys()].sort((a, b) => a - b)) {
      sink.put(
        { namespace: "AWS/SNS", metricName: "NumberOfNotificationsFailed", dimensions: { TopicName: topicName } },
        countPoint(minute, byMinute.get(minute) ?? 0),
      );
    }
  }
}
