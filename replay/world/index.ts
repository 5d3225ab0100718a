/**
 * The world model's public surface: what code outside replay/ (the preview) may use. Everything else in this
 * folder is the world's own and may change with it.
 */
export type { LineKind } from "./log-line-kinds";
export type { LogMetricFilter } from "./metric-filter-definitions";
export type { LogLinesMinute, LogLinesObserver } from "./simulate";
export { resourcesOfType, type StackJson } from "./stack-json";
