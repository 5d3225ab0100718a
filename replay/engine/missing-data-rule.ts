/**
 * One evaluation's decision from the datapoints of the evaluation range, per "Configuring how CloudWatch alarms treat
 * missing data" (section "How alarm state is evaluated when data is missing", its two tables, and "Avoiding premature
 * transitions to alarm state"):
 * - CloudWatch reads more periods than Evaluation Periods (N): the evaluation range. With at least N real points in
 *   the range it judges the N most recent real ones, whatever treat_missing_data says.
 * - With fewer, all real points count and the missing ones are "filled" N − real times, per treat_missing_data:
 *   breaching fills breaching points, notBreaching good ones.
 * - missing and ignore fill nothing: ALARM if at least M (Datapoints to Alarm) real points breach; OK if one real point
 *   does not breach (tables: "0 - - - -" and "0 - X - -" are OK). With no real point, missing gives
 *   INSUFFICIENT_DATA and ignore keeps the state.
 * - The premature-alarm rule (missing only; the tables keep the state for ignore): ALARM when every real point
 *   breaches and the oldest breaching point within the N most recent periods is at least M periods old
 *   ("- - X - -" with 3 of 3, "- - - X -" with 2 of 3).
 * - Left over, missing and ignore with only breaching points, too few and too recent ("- - - - X" with 3 of 3): the
 *   page says only that the alarm "does not go immediately into ALARM state"; the engine keeps the state.
 * Low-sample percentiles ("Percentile-based alarms and low data samples"): with evaluate_low_sample_count_percentiles
 * = ignore, "the alarm state does not change" while a period the decision would use is low-sample.
 */
import type { TreatMissingData } from "../../lib/alarms/alarm-enums";
import type { AlarmState } from "./alarm-definitions";

/** One period of the evaluation range; newest first. `breaching` undefined: a missing period. */
export interface RangePoint {
  readonly breaching: boolean | undefined;
  readonly lowSample: boolean;
}

export interface Decision {
  /** "keep": the alarm keeps its state. */
  readonly state: AlarmState | "keep";
  /** Breaching points counted, filled ones included. */
  readonly breaching: number;
  /** Points judged: real ones used plus filled ones. */
  readonly judged: number;
  /** Missing points filled by treat_missing_data. */
  readonly filled: number;
  /** Why, in a few words, when the counts alone do not say it. */
  readonly rule?: "all missing" | "premature alarm" | "too few breaching points" | "low sample";
}

export function decide(
  range: readonly RangePoint[],
  evaluationPeriods: number,
  datapointsToAlarm: number,
  treatMissingData: TreatMissingData,
  ignoreLowSample: boolean,
): Decision {
  const n = evaluationPeriods;
  const m = datapointsToAlarm;
  // One pass over the range, newest first: the real points, how many of the N most recent real ones breach, whether
  // one of those is low-sample, and the age of the oldest real point within the N most recent periods.
  let realCount = 0;
  let breaching = 0;
  let usedLowSample = false;
  let oldestWithinN = 0;
  for (let index = 0; index < range.length; index++) {
    const p = range[index]!;
    if (p.breaching === undefined) continue;
    realCount++;
    if (realCount <= n) {
      if (p.breaching) breaching++;
      if (p.lowSample) usedLowSample = true;
    }
    if (index < n) oldestWithinN = index + 1;
  }
  const used = Math.min(realCount, n);
  if (ignoreLowSample && usedLowSample) {
    return { state: "keep", breaching, judged: used, filled: 0, rule: "low sample" };
  }
  if (realCount >= n) return { state: breaching >= m ? "ALARM" : "OK", breaching, judged: n, filled: 0 };

  const toFill = n - realCount;
  switch (treatMissingData) {
    case "breaching":
      return { state: breaching + toFill >= m ? "ALARM" : "OK", breaching: breaching + toFill, judged: n, filled: toFill };
    case "notBreaching":
      return { state: breaching >= m ? "ALARM" : "OK", breaching, judged: n, filled: toFill };
    case "missing":
    case "ignore": {
      const judged = realCount;
      if (realCount === 0) {
        return treatMissingData === "missing"
          ? { state: "INSUFFICIENT_DATA", breaching: 0, judged, filled: 0, rule: "all missing" }
          : { state: "keep", breaching: 0, judged, filled: 0, rule: "all missing" };
      }
      if (breaching >= m) return { state: "ALARM", breaching, judged, filled: 0 };
      const allBreaching = breaching === realCount;
      if (!allBreaching) return { state: "OK", breaching, judged, filled: 0 };
      if (treatMissingData === "missing" && oldestWithinN >= m) {
        return { state: "ALARM", breaching, judged, filled: 0, rule: "premature alarm" };
      }
      return { state: "keep", breaching, judged, filled: 0, rule: "too few breaching points" };
    }
  }
}
