import { z } from "zod";

/**
 * When the load balancer must see traffic: the baseline that tells a quiet hour from a cut one. Zero requests at
 * 03:00 can be either, so an absolute floor pages every quiet night; an hour-of-day floor written by whoever knows
 * the customers does not. Chosen over an anomaly band (`requestAnomaly`): CloudWatch's model is unpublished and
 * needs two weeks of history, a schedule is reviewed in the file and replayed exactly (metric math HOUR and DAY).
 */
export const TRAFFIC_DAYS = ["every-day", "weekdays"] as const;
export type TrafficDays = (typeof TRAFFIC_DAYS)[number];

/** From `fromHourUtc` (inclusive) to `toHourUtc` (exclusive) on `days`, at least `minRequests` answers a period. */
export interface TrafficWindow {
  readonly fromHourUtc: number;
  readonly toHourUtc: number;
  readonly days: TrafficDays;
  readonly minRequests: number;
}

/** Windows whose hours overlap (every-day and weekdays always share days): the floor there would be ambiguous. */
export function overlappingWindows(windows: readonly TrafficWindow[]): [number, number] | undefined {
  for (let i = 0; i < windows.length; i++) {
    for (let j = i + 1; j < windows.length; j++) {
      const a = windows[i]!;
      const b = windows[j]!;
      if (a.fromHourUtc < b.toHourUtc && b.fromHourUtc < a.toHourUtc) return [i, j];
    }
  }
  return undefined;
}

const hh = (hour: number) => `${String(hour).padStart(2, "0")}:00`;

/** "08:00–20:00 UTC weekdays: at least 20" — for descriptions and HANDOFF. */
export function describeWindow(w: TrafficWindow): string {
  return `${hh(w.fromHourUtc)}–${hh(w.toHourUtc)} UTC ${w.days === "weekdays" ? "Mon–Fri" : "daily"}: at least ${w.minRequests}`;
}

/** One window of `alarms.noTraffic.expectedTraffic` in the environment file. */
export const trafficWindowSchema = z
  .strictObject({
    fromHourUtc: z.number().int().min(0).max(23),
    /** Exclusive; 24 is midnight. A window past midnight is two windows. */
    toHourUtc: z.number().int().min(1).max(24),
    days: z.enum(TRAFFIC_DAYS, { error: `must be one of ${TRAFFIC_DAYS.join(", ")}` }).default("every-day"),
    /** Answers (requests + the no-target 503s outside them) per period the load balancer always sees in these hours. */
    minRequests: z.number().int().min(1),
  })
  .refine((w) => w.fromHourUtc < w.toHourUtc, {
    path: ["toHourUtc"],
    error: "must be after fromHourUtc (a window past midnight is two windows, e.g. 22–24 and 0–6)",
  });
