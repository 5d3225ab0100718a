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
import type { AlarmState, MissingDataRule } from "./alarm-definitions";

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
  treatMissingData: MissingDataRule,
  ignoreLowSample: boolean,
): Decision {
  const n = evaluationPeriods;
  const m = datapointsToAlarm;
  const real: Array<{ age: number; breaching: boolean; lowSample: boolean }> = [];
  range.forEach((p, index) => {
    if (p.breaching !== undefined) real.push({ age: index + 1, breaching: p.breaching, lowSample: p.lowSample });
  });
  const used = real.length >= n ? real.slice(0, n) : real;
  const breaching = used.filter((p) => p.breaching).length;
  if (ignoreLowSample && used.some((p) => p.lowSample)) {
    return { state: "keep", breaching, judged: used.length, filled: 0, rule: "low sample" };
  }
  if (real.length >= n) return { state: breaching >= m ? "ALARM" : "OK", breaching, judged: n, filled: 0 };

  const toFill = n - real.length;
  switch (treatMissingData) {
    case "breaching":
      return { state: breaching + toFill >= m ? "ALARM" : "OK", breaching: breaching + toFill, judged: n, filled: toFill };
    case "notBreaching":
      return { state: breaching >= m ? "ALARM" : "OK", breaching, judged: n, filled: toFill };
    case "missing":
    case "ignore": {
      const judged = real.length;
      if (real.length === 0) {
        return treatMissingData === "missing"
          ? { state: "INSUFFICIENT_DATA", breaching: 0, judged, filled: 0, rule: "all missing" }
          : { state: "keep", breaching: 0, judged, filled: 0, rule: "all missing" };
      }
      if (breaching >= m) return { state: "ALARM", breaching, judged, filled: 0 };
      const allBreaching = breaching === real.length;
      if (!allBreaching) return { state: "OK", breaching, judged, filled: 0 };
      const withinN = real.filter((p) => p.age <= n);
      const oldest = withinN[withinN.length - 1];
      if (treatMissingData === "missing" && oldest !== undefined && oldest.age >= m) {
        return { state: "ALARM", breaching, judged, filled: 0, rule: "premature alarm" };
      }
      return { state: "keep", breaching, judged, filled: 0, rule: "too few breaching points" };
    }
  }
}
