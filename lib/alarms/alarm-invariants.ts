/**
 * What CloudWatch requires of every alarm, single-metric or metric math, checked at synth so a bad
 * configuration fails with the construct path instead of at `terraform apply` (or, worse, applies an alarm
 * that can never fire).
 */
export interface AlarmBasics {
  readonly name: string;
  readonly description: string;
  readonly runbookUrl: string;
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm?: number;
}

const MAX_DESCRIPTION = 1024;

/** The description CloudWatch stores: plain words first, the runbook link last. */
export const describeWithRunbook = (p: Pick<AlarmBasics, "description" | "runbookUrl">) => `${p.description} Runbook: ${p.runbookUrl}`;

export function checkAlarmBasics(p: AlarmBasics): string[] {
  const problems: string[] = [];
  if (!isAlarmPeriod(p.periodSeconds)) {
    problems.push(`period ${p.periodSeconds} s is not allowed; allowed: 10, 20, 30 or a multiple of 60`);
  }
  if (!Number.isInteger(p.evaluationPeriods) || p.evaluationPeriods < 1) {
    problems.push(`evaluationPeriods ${p.evaluationPeriods} must be a whole number ≥ 1`);
  }
  const datapoints = p.datapointsToAlarm ?? p.evaluationPeriods;
  if (!Number.isInteger(datapoints) || datapoints < 1 || datapoints > p.evaluationPeriods) {
    problems.push(`datapointsToAlarm ${datapoints} must be between 1 and evaluationPeriods (${p.evaluationPeriods})`);
  }
  const window = evaluationWindowProblem(p.periodSeconds, p.evaluationPeriods);
  if (window) problems.push(window);
  const description = describeWithRunbook(p);
  if (description.length > MAX_DESCRIPTION)
    problems.push(`description is ${description.length} characters; allowed: at most ${MAX_DESCRIPTION}`);
  if (!/^https:\/\/\S+#\S+$/.test(p.runbookUrl))
    problems.push(`runbookUrl ${JSON.stringify(p.runbookUrl)} must be an https URL with an #anchor`);
  if (!/^[\x20-\x7e]{1,255}$/.test(p.name)) problems.push(`alarm name ${JSON.stringify(p.name)} must be 1-255 printable ASCII characters`);
  return problems;
}

/**
 * PutMetricAlarm: period × evaluation periods may span at most one day when the period is under an hour,
 * and at most seven days otherwise. Beyond that the API rejects the alarm at apply, which no offline plan sees.
 */
export function maxEvaluationWindowSeconds(periodSeconds: number): number {
  return periodSeconds < 3600 ? 86400 : 7 * 86400;
}

export function evaluationWindowProblem(periodSeconds: number, evaluationPeriods: number): string | undefined {
  const span = periodSeconds * evaluationPeriods;
  const max = maxEvaluationWindowSeconds(periodSeconds);
  if (span <= max) return undefined;
  const rule = periodSeconds < 3600 ? "at most 86400 s (1 day) for periods under an hour" : "at most 604800 s (7 days)";
  return `${evaluationPeriods} periods of ${periodSeconds} s span ${span} s; allowed: evaluationPeriods × periodSeconds ${rule}`;
}

export const isAlarmPeriod = (s: number) => s === 10 || s === 20 || s === 30 || (Number.isInteger(s) && s >= 60 && s % 60 === 0);

/** When an alarm evaluates: every kind takes these from its `alarms.<kind>` tuning in the environment file. */
export interface AlarmWindow {
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
}

/** Just the window of a kind's props (which also carry thresholds, names, actions). */
export const windowOf = ({ periodSeconds, evaluationPeriods, datapointsToAlarm }: AlarmWindow): AlarmWindow => ({
  periodSeconds,
  evaluationPeriods,
  datapointsToAlarm,
});
