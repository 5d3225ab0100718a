import { Construct } from "constructs";
import { BURN_RATE_WINDOWS } from "../config/alarm-defaults";
import type { EnvContext } from "../context";
import type { AlarmActions } from "./alarm-actions";
import { CompositeAlarm } from "./composite-alarm";
import { albErrorInputs } from "./error-rate-alarm";
import { MathAlarm } from "./math-alarm";

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
    const internal: AlarmActions = { alarmActions: [], okActions: [], actionsEnabled: props.actions.actionsEnabled, routedVia: name, severity: props.actions.severity };

    this.windows = [w.longWindowMinutes, w.shortWindowMinutes].map((minutes) => {
      const { requests, target5xx, elb5xx, elb503, answers, errors } = albErrorInputs(props.albArnSuffix);
      return new MathAlarm(this, windowName(minutes), {
        thresholdUnit: "Percent",
        name: `${name}-${windowName(minutes)}`,
        description: `5xx share of answers from ${props.albArnSuffix} over the last ${windowName(minutes)} is above ${thresholdPercent}% (${w.burnRate}× the ${budgetPercent.toPrecision(3)}% error budget of a ${props.objectivePercent}% objective). One window of the ${name} composite, which is what notifies.`,
        runbookUrl,
        metrics: [requests, target5xx, elb5xx, elb503],
        expressions: [
          answers,
          errors,
          // Fewer answers than minRequests in the window: too few to call a ratio a burn.
          { id: "ratio", expression: `IF(${answers.id} >= ${w.minRequests}, 100 * ${errors.id} / ${answers.id}, 0)`, label: `5xx % of answers, ${windowName(minutes)}` },
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
      description: `The error budget of the ${props.objectivePercent}% availability objective burns at over ${w.burnRate}× its sustainable rate over both the last ${windowName(w.longWindowMinutes)} and the last ${windowName(w.shortWindowMinutes)} (5xx above ${thresholdPercent}% of answers). Check the error-rate, target-health and running-tasks alarms, then the Error Rate Over Time query.`,
      runbookUrl,
      inAlarmWhen: "all",
      children: this.windows,
      actions: props.actions,
      notifyOnOk: true,
    });
  }
}
