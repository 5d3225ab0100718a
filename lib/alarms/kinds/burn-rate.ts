import { Construct } from "constructs";
import { z } from "zod";
import type { Severity } from "../../config/alarm-defaults";
import type { EnvContext } from "../../context";
import type { AlarmActions } from "../alarm-actions";
import { stackKind } from "../alarm-kind";
import { albErrorInputs } from "../alb-answers";
import { CompositeAlarm } from "../composite-alarm";
import { MathAlarm } from "../math-alarm";

/**
 * Error-budget burn (Google SRE workbook, "Alerting on SLOs": multi-window, multi-burn-rate) on the availability
 * objective `alarms.burnRate.objectivePercent`. Each pair fires when the error ratio exceeds `burnRate` × the
 * budget over BOTH its long and its short window: the long one proves the budget really burns, the short one that
 * it still does (so the alarm clears soon after the fix). Fast burn pages, slow burn tickets. The windows are the
 * workbook's; `minRequests` per window keeps a handful of requests from counting as a ratio.
 */
export const BURN_RATE_WINDOWS = {
  fast: { severity: "page", burnRate: 14.4, longWindowMinutes: 60, shortWindowMinutes: 5, minRequests: 100 },
  slow: { severity: "ticket", burnRate: 6, longWindowMinutes: 360, shortWindowMinutes: 30, minRequests: 300 },
} as const satisfies Record<
  string,
  { severity: Severity; burnRate: number; longWindowMinutes: number; shortWindowMinutes: number; minRequests: number }
>;

export interface BurnRateAlarmProps {
  readonly env: EnvContext;
  readonly albArnSuffix: string;
  /** Which pair of windows (BURN_RATE_WINDOWS): fast pages, slow tickets. */
  readonly speed: keyof typeof BURN_RATE_WINDOWS;
  /** Availability objective, e.g. 99.9: the error budget is what is left to 100. */
  readonly objectivePercent: number;
  readonly actions: AlarmActions;
}

const windowName = (minutes: number) => (minutes % 60 === 0 ? `${minutes / 60}h` : `${minutes}m`);

/**
 * Error-budget burn over two windows (Google SRE workbook, "Alerting on SLOs"): ALARM when the 5xx share of
 * answers exceeds `burnRate` × the budget over the long window AND the short one. One CloudWatch alarm has one
 * period, so each window is a metric-math alarm of its own (no actions: the composite notifies), joined by a
 * composite that carries the route. Alarms are evaluated every minute over a sliding window, so the long
 * window's single period is always "the last hour" (or six).
 */
export class BurnRateAlarm extends Construct {
  readonly alarm: CompositeAlarm;
  /** The long- and short-window alarms the composite joins. */
  readonly windows: readonly MathAlarm[];

  constructor(scope: Construct, id: string, props: BurnRateAlarmProps) {
    super(scope, id);
    const w = BURN_RATE_WINDOWS[props.speed];
    const budgetPercent = 100 - props.objectivePercent;
    const thresholdPercent = Number((w.burnRate * budgetPercent).toPrecision(6));
    const name = props.env.naming.alarm(`burn-rate-${props.speed}`);
    const runbookUrl = props.env.runbook("burn-rate");
    // The windows' own alarms notify nobody: the composite is the one that changes route state.
    const internal: AlarmActions = {
      alarmActions: [],
      okActions: [],
      actionsEnabled: props.actions.actionsEnabled,
      routedVia: name,
      severity: props.actions.severity,
    };

    this.windows = [w.longWindowMinutes, w.shortWindowMinutes].map((minutes) => {
      const { requests, target5xx, elb5xx, elb503, answers, errors } = albErrorInputs(props.albArnSuffix);
      return new MathAlarm(this, windowName(minutes), {
        thresholdUnit: "Percent",
        name: `${name}-${windowName(minutes)}`,
        description:
          `5xx share of answers from ${props.albArnSuffix} over the last ${windowName(minutes)} is above ` +
          `${thresholdPercent}% (${w.burnRate}× the ${budgetPercent.toPrecision(3)}% error budget of a ` +
          `${props.objectivePercent}% objective). One window of the ${name} composite, which is what notifies.`,
        runbookUrl,
        metrics: [requests, target5xx, elb5xx, elb503],
        expressions: [
          answers,
          errors,
          // Fewer answers than minRequests in the window: too few to call a ratio a burn.
          {
            id: "ratio",
            expression: `IF(${answers.id} >= ${w.minRequests}, 100 * ${errors.id} / ${answers.id}, 0)`,
            label: `5xx % of answers, ${windowName(minutes)}`,
          },
        ],
        alarmOn: "ratio",
        periodSeconds: minutes * 60,
        // The short window breaches in any of its last three periods: above the threshold in one is enough, and it
        // clears only once all three are below. A burn near the threshold otherwise flips it every few minutes, and
        // every flip pages anew (replay: 2 % errors re-paged 11 times in 5 h with one period, 3 times in an hour with
        // two once an error-free fourth service diluted the share). It still clears within three periods.
        evaluationPeriods: minutes === w.shortWindowMinutes ? 3 : 1,
        datapointsToAlarm: 1,
        condition: { comparison: "GreaterThanThreshold", threshold: thresholdPercent },
        // The FILLed ratio always has a value; no traffic at all is not a burn.
        treatMissingData: "notBreaching",
        actions: internal,
      });
    });

    this.alarm = new CompositeAlarm(this, "Default", {
      name,
      description:
        `The error budget of the ${props.objectivePercent}% availability objective burns at over ` +
        `${w.burnRate}× its sustainable rate over both the last ${windowName(w.longWindowMinutes)} and the ` +
        `last ${windowName(w.shortWindowMinutes)} (5xx above ${thresholdPercent}% of answers). Check the ` +
        `error-rate, target-health and running-tasks alarms, then the Error Rate Over Time query.`,
      runbookUrl,
      inAlarmWhen: "all",
      children: this.windows,
      actions: props.actions,
      notifyOnOk: true,
    });
  }
}

/** The burn-rate pairs on the availability objective: fast pages, slow tickets; no window or severity of its own. */
export const burnRate = stackKind({
  key: "burnRate",
  defaults: { enabled: true, objectivePercent: 99.9 },
  threshold: {
    /** Availability objective: the share of answers that must not be 5xx, e.g. 99.9. */
    objectivePercent: z.number().gt(0).lt(100),
  },
  alarms: ({ env, albArnSuffix, tuning }) =>
    (Object.keys(BURN_RATE_WINDOWS) as (keyof typeof BURN_RATE_WINDOWS)[]).map((speed) => ({
      name: `burn-rate-${speed}`,
      severity: BURN_RATE_WINDOWS[speed].severity,
      render: (scope: Construct, id: string, actions: AlarmActions) =>
        new BurnRateAlarm(scope, id, { env, albArnSuffix, speed, objectivePercent: tuning.objectivePercent, actions }),
    })),
});
