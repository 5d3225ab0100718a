import type { Datapoint } from "../metric-data";

/**
 * A count of events, each a sample of 1: how ELB reports its count metrics ("for RequestCount, Minimum, Maximum and
 * Average all return 1") and how a metric filter with value "1" publishes. Callers publish only when n > 0.
 */
export function countPoint(timestamp: number, n: number): Datapoint {
  return { timestamp, sampleCount: n, sum: n, min: 1, max: 1 };
}

/** One reading for the minute (a gauge such as HealthyHostCount or a Container Insights task count). */
export function gaugePoint(timestamp: number, value: number): Datapoint {
  return { timestamp, sampleCount: 1, sum: value, min: value, max: value };
}

/** Several readings, one per task (AWS/ECS service utilization: Minimum and Maximum are the extreme tasks). */
export function samplesPoint(timestamp: number, samples: readonly number[]): Datapoint {
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const s of samples) {
    sum += s;
    if (s < min) min = s;
    if (s > max) max = s;
  }
  return { timestamp, sampleCount: samples.length, sum, min, max };
}
