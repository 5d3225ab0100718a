import { Construct } from "constructs";
import { z } from "zod";
import type { AlarmTuning, Severity } from "../config/alarm-defaults";
import type { ServiceEntry } from "../config/schema";
import type { PrometheusConfig } from "../config/prometheus-schema";
import type { EnvContext } from "../context";
import type { MirroredSignalKey } from "../prometheus/mirrored-signals";
import type { AlarmActions } from "./alarm-actions";
import { type AlarmWindow, windowOf } from "./alarm-invariants";
import type { AlarmRoutes, RoutedAlarm } from "./alarm-routes";
import { MathAlarm, type MathAlarmProps } from "./math-alarm";
import { MetricAlarm, type MetricAlarmProps } from "./metric-alarm";

/**
 * One descriptor per alarm kind (lib/alarms/kinds/): its config key, defaults, threshold schema and what it builds.
 * The key is the one spelling: `alarms.<key>` in the environment file; kebab-cased, the runbook
 * (`docs/runbooks/<kebab>.md#<kebab>`) and the start of its alarms' names. The schema, ALARM_DEFAULTS and the
 * catalog are derived from the list in kinds/index.ts; this file fills what every alarm shares.
 */

/** What the stack knows when a kind builds: no alarm tuning but the kind's own (the schema is built from kinds). */
export interface KindInput<T> {
  readonly env: EnvContext;
  readonly tuning: T;
  readonly albArnSuffix: string;
  readonly clusterName: string;
  readonly services: Readonly<Record<string, ServiceEntry>>;
  /** The paging topic's name, where the environment pages. */
  readonly pagingTopicName?: string;
  /** The Prometheus bridge's settings, where the environment mirrors AxonFlow's own series. */
  readonly prometheus?: PrometheusConfig;
}

/** The same for one service, for kinds that watch each service. */
export interface ServiceKindInput<T> extends KindInput<T> {
  readonly service: string;
  readonly settings: ServiceEntry;
}

/** What varies between alarms: everything but the name, runbook, window, actions and OK notifications. */
type Shared = "name" | "runbookUrl" | keyof AlarmWindow | "actions" | "notifyOnOk";
export type MetricAlarmSpec = { readonly kind: "metric" } & Omit<MetricAlarmProps, Shared>;
export type MathAlarmSpec = { readonly kind: "math" } & Omit<MathAlarmProps, Shared>;

/** One alarm of a kind: its name after `axonflow-<env>-`, which is also its construct id. */
export interface KindAlarm {
  readonly name: string;
  readonly spec: MetricAlarmSpec | MathAlarmSpec;
}

/** An alarm a kind renders itself (the burn-rate composites): it gets the route's actions, nothing else. */
export interface CustomKindAlarm {
  readonly name: string;
  readonly severity: Severity;
  readonly render: (scope: Construct, id: string, actions: AlarmActions) => RoutedAlarm;
}

export interface DescriptorBase<K extends string = string, D extends KindDefaults = KindDefaults, S extends z.ZodRawShape = z.ZodRawShape> {
  readonly key: K;
  /** Every field's default, each with its reason in the kind's file. */
  readonly defaults: D;
  /** The kind's own fields beyond the common tuning (enabled, severity, window), without defaults: they come from `defaults`. */
  readonly threshold: S;
  /** The severity its alarms are routed by, where the tuning's is not it (paging-deliveries: always a ticket). */
  readonly severityOf?: (tuning: Tuning<D, S>) => Severity;
  /**
   * Off by default but on where the environment pages, when the file's section (as written, before defaults) says
   * enough to run: no-traffic needs the hours in which traffic is expected.
   */
  readonly enabledWherePaging?: (written: Readonly<Record<string, unknown>>) => boolean;
  /**
   * The mirrored Prometheus signals it reads (lib/prometheus/mirrored-signals.ts): off by default, on where the
   * file's `prometheus.mirror` has them all; enabled without them, the file is refused (a series the agent would not
   * publish is an alarm that never fires).
   */
  readonly needsSignals?: readonly MirroredSignalKey[];
}

/** A kind's defaults: every kind can be turned off; most have a severity and a window (AlarmTuning). */
export type KindDefaults = { readonly enabled: boolean } & Partial<AlarmTuning>;

type Widened<D> = {
  readonly [F in keyof D]: F extends "severity" ? Severity : D[F] extends number ? number : D[F] extends boolean ? boolean : D[F];
};
/** The validated `alarms.<key>` section of a kind, as its builder receives it. */
export type Tuning<D, S extends z.ZodRawShape> = Omit<Widened<D>, keyof S> & z.output<z.ZodObject<S>>;
export type TuningOf<Kd> = Kd extends DescriptorBase<string, infer D, infer S> ? Tuning<D, S> : never;

export interface StackKindDescriptor<
  K extends string = string,
  D extends KindDefaults = KindDefaults,
  S extends z.ZodRawShape = z.ZodRawShape,
> extends DescriptorBase<K, D, S> {
  readonly scope: "stack";
  readonly alarms: (input: KindInput<Tuning<D, S>>) => readonly (KindAlarm | CustomKindAlarm)[];
}

export interface ServiceKindDescriptor<
  K extends string = string,
  D extends KindDefaults = KindDefaults,
  S extends z.ZodRawShape = z.ZodRawShape,
> extends DescriptorBase<K, D, S> {
  readonly scope: "service";
  /** The service's alarms of this kind; none where its signal does not exist (no target group, not on ECS). */
  readonly alarms: (input: ServiceKindInput<Tuning<D, S>>) => readonly KindAlarm[];
}

/** Typed constructors: the descriptor's literal types (key, defaults, threshold) are kept for the schema. */
export const stackKind = <const K extends string, D extends KindDefaults, S extends z.ZodRawShape>(
  d: Omit<StackKindDescriptor<K, D, S>, "scope">,
): StackKindDescriptor<K, D, S> => ({
  scope: "stack",
  ...d,
});
export const serviceKind = <const K extends string, D extends KindDefaults, S extends z.ZodRawShape>(
  d: Omit<ServiceKindDescriptor<K, D, S>, "scope">,
): ServiceKindDescriptor<K, D, S> => ({ scope: "service", ...d });

/** Threshold fields several kinds share. */
export const PERCENT = z.number().gt(0).max(100);
/** A volume below which a share counts as 0; 0 turns the guard off. */
export const MINIMUM_COUNT = z.number().int().min(0);
export const SECONDS = z.number().gt(0);

/** `targetLatency` → `target-latency`: the runbook and the start of the alarm names. */
export const kebabOf = (key: string) => key.replace(/[A-Z0-9]+/g, (m) => `-${m.toLowerCase()}`);

/**
 * Builds one kind's alarms into `scope`, each routed by severity: the name `axonflow-<env>-<alarm>`, the runbook
 * link, the tuning's window, the route's actions and OK notifications are the same for every kind.
 */
export function addKindAlarms(
  scope: Construct,
  routes: AlarmRoutes,
  key: string,
  tuning: Partial<AlarmWindow>,
  severity: Severity,
  alarms: readonly (KindAlarm | CustomKindAlarm)[],
  env: EnvContext,
): void {
  const runbookUrl = env.runbook(kebabOf(key));
  for (const a of alarms) {
    if ("render" in a) {
      routes.add(a.severity, (actions) => a.render(scope, a.name, actions));
      continue;
    }
    routes.add(severity, (actions) => {
      const holder = new Construct(scope, a.name);
      const window = tuning;
      if (window.periodSeconds === undefined || window.evaluationPeriods === undefined || window.datapointsToAlarm === undefined) {
        throw new Error(`${scope.node.path}/${a.name}: kind ${key} has no window of its own; give the alarm one`);
      }
      const shared = { name: env.naming.alarm(a.name), runbookUrl, ...windowOf(window as AlarmWindow), actions, notifyOnOk: true };
      const { kind, ...spec } = a.spec;
      return {
        alarm:
          kind === "metric"
            ? new MetricAlarm(holder, "Default", { ...(spec as Omit<MetricAlarmSpec, "kind">), ...shared })
            : new MathAlarm(holder, "Default", { ...(spec as Omit<MathAlarmSpec, "kind">), ...shared }),
      };
    });
  }
}
