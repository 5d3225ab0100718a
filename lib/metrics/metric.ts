/**
 * A CloudWatch metric identity: namespace, name and the exact dimension set. CloudWatch matches alarms to
 * metrics by the *whole* dimension set, so a catalog entry fixes which keys exist and `.with()` must fill
 * every one — a missing or misspelt dimension fails to compile instead of creating an alarm that never fires.
 */
export type MetricUnit = "Count" | "Seconds" | "Milliseconds" | "Percent" | "Megabytes" | "None";

export interface Metric {
  readonly namespace: string;
  readonly metricName: string;
  readonly unit: MetricUnit;
  readonly dimensions: Readonly<Record<string, string>>;
}

export class MetricDefinition<D extends string> {
  constructor(
    readonly namespace: string,
    readonly metricName: string,
    readonly unit: MetricUnit,
    readonly dimensionKeys: readonly D[],
  ) {
    if (dimensionKeys.length > 30) throw new Error(`${namespace}/${metricName}: at most 30 dimensions, received ${dimensionKeys.length}`);
  }

  /** A concrete metric; dimensions are emitted in catalog order so output is stable. */
  with(dimensions: { readonly [K in D]: string }): Metric {
    const ordered: Record<string, string> = {};
    for (const key of this.dimensionKeys) {
      const value = dimensions[key];
      if (typeof value !== "string" || value.length === 0 || value.length > 1024) {
        throw new Error(
          `${this.namespace}/${this.metricName}: dimension ${key} must be 1-1024 characters, received ${JSON.stringify(value)}`,
        );
      }
      ordered[key] = value;
    }
    return Object.freeze({ namespace: this.namespace, metricName: this.metricName, unit: this.unit, dimensions: Object.freeze(ordered) });
  }
}
