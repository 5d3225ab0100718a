/**
 * Composite alarms replayed each minute after the metric alarms, children before parents.
 * PutCompositeAlarm: "the alarm state is immediately set to INSUFFICIENT_DATA. The alarm is then evaluated and its
 * state is set appropriately ... For a composite alarm, this initial time after creation is the only time that the
 * alarm can be in INSUFFICIENT_DATA state." So: ALARM while the rule is TRUE, else OK, from the first evaluation on.
 * A cycle of composite alarms is an Error (CloudWatch stops evaluating them).
 */
import type { AlarmState, CompositeAlarmDefinition } from "./alarm-definitions";
import { evaluateAlarmRule, parseAlarmRule, ruleAlarmNames, type RuleNode } from "./composite-rule";
import type { StateChange } from "./evaluate-metric-alarm";

export interface CompositeAlarmRun {
  readonly alarm: CompositeAlarmDefinition;
  readonly changes: StateChange[];
}

/** Something whose state at each evaluation minute is known: a metric alarm's run, or a composite being replayed. */
export type StateAt = (time: number) => AlarmState;

export function evaluateCompositeAlarms(
  composites: readonly CompositeAlarmDefinition[],
  metricStates: ReadonlyMap<string, StateAt>,
  start: number,
  end: number,
): CompositeAlarmRun[] {
  const rules = new Map<string, RuleNode>();
  for (const composite of composites) {
    const rule = parseAlarmRule(composite.alarmRule, `alarm ${composite.name}`);
    for (const child of ruleAlarmNames(rule)) {
      if (!metricStates.has(child) && !composites.some((c) => c.name === child)) {
        throw new Error(`alarm ${composite.name}: alarm_rule names ${child}, which is no alarm of the stack`);
      }
    }
    rules.set(composite.name, rule);
  }
  const ordered = childrenFirst(composites, rules);

  // Each minute's state, for the composites already evaluated at that minute (children first).
  const current = new Map<string, AlarmState>();
  const runs = ordered.map(
    (alarm): CompositeAlarmRun => ({
      alarm,
      changes: [{ time: start, state: "INSUFFICIENT_DATA", reason: "Unchecked: Initial alarm creation" }],
    }),
  );
  for (let time = start; time <= end; time += 60) {
    const stateOf = (name: string): AlarmState => current.get(name) ?? metricStates.get(name)!(time);
    for (const run of runs) {
      const rule = rules.get(run.alarm.name)!;
      const state: AlarmState = evaluateAlarmRule(rule, stateOf) ? "ALARM" : "OK";
      const previous = run.changes[run.changes.length - 1]!.state;
      if (state !== previous) run.changes.push({ time, state, reason: describe(rule, stateOf, state) });
      current.set(run.alarm.name, state);
    }
  }
  return runs;
}

function childrenFirst(composites: readonly CompositeAlarmDefinition[], rules: ReadonlyMap<string, RuleNode>): CompositeAlarmDefinition[] {
  const byName = new Map(composites.map((c) => [c.name, c]));
  const ordered: CompositeAlarmDefinition[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (composite: CompositeAlarmDefinition, path: readonly string[]) => {
    if (state.get(composite.name) === "done") return;
    if (state.get(composite.name) === "visiting") {
      throw new Error(`alarm ${composite.name}: composite alarms form a cycle (${[...path, composite.name].join(" → ")})`);
    }
    state.set(composite.name, "visiting");
    for (const child of ruleAlarmNames(rules.get(composite.name)!)) {
      const childComposite = byName.get(child);
      if (childComposite) visit(childComposite, [...path, composite.name]);
    }
    state.set(composite.name, "done");
    ordered.push(composite);
  };
  for (const composite of composites) visit(composite, []);
  return ordered;
}

function describe(rule: RuleNode, stateOf: (name: string) => AlarmState, state: AlarmState): string {
  const children = [...new Set(ruleAlarmNames(rule))].map((name) => `${name}: ${stateOf(name)}`).join(", ");
  return `${state === "ALARM" ? "alarm_rule is TRUE" : "alarm_rule is FALSE"} (${children || "no child alarms"})`;
}
