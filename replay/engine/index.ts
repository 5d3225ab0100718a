/**
 * The alarm engine's public surface: what code outside replay/ (the preview) may use. Everything else in this
 * folder is the engine's own and may change with it.
 */
export { alarmMetricStats, type MetricAlarmDefinition, type StackAlarms } from "./alarm-definitions";
export { evaluateMath, type MathValue } from "./evaluate-metric-math";
export type { BulkMetricSource } from "./period-series";
export type { AlarmTimeline } from "./replay-alarms";
export { checkReplayable } from "./replayable-math";
