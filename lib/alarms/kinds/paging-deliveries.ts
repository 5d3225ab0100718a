import { SNS } from "../../metrics/catalog";
import { MINIMUM_COUNT, stackKind } from "../alarm-kind";

/**
 * Failed deliveries of the paging topic (a pager endpoint refusing, a subscription broken), where the environment
 * pages. Always the ticket route (the schema refuses page): a page about failing pages would go through the failing topic.
 */
export const pagingDeliveries = stackKind({
  key: "pagingDeliveries",
  defaults: { enabled: true, severity: "ticket", periodSeconds: 300, evaluationPeriods: 1, datapointsToAlarm: 1, thresholdCount: 0 },
  threshold: { thresholdCount: MINIMUM_COUNT },
  severityOf: () => "ticket",
  alarms: ({ pagingTopicName, tuning: t }) =>
    pagingTopicName === undefined
      ? []
      : [
          {
            name: "paging-deliveries",
            spec: {
              kind: "metric",
              description:
                `SNS failed to deliver more than ${t.thresholdCount} notifications of the paging topic ` +
                `${pagingTopicName} in ${t.periodSeconds / 60} min: pages may not reach on-call. Check the topic's ` +
                `subscriptions (a pending or deleted one, an endpoint answering errors) and the paging endpoint's status.`,
              metric: SNS.notificationsFailed.with({ TopicName: pagingTopicName }),
              statistic: "Sum",
              comparison: "GreaterThanThreshold",
              threshold: t.thresholdCount,
              // Published only when a delivery failed: no datapoint is no failure.
              treatMissingData: "notBreaching",
            },
          },
        ],
});
