import type { AlarmState } from "../../../replay/engine/alarm-definitions";
import { evaluateAlarmRule, parseAlarmRule } from "../../../replay/engine/composite-rule";
import { DatapointStore } from "../../../replay/engine/datapoint-store";
import { replayAlarms } from "../../../replay/engine/replay-alarms";
import { ERRORS, LATENCY, MINUTE, PAGES, plainAlarm, putMinutes, stackWith, T0 } from "./replay-fixtures";

describe("composite alarms", () => {
  describe("alarm_rule syntax", () => {
    const states: Record<string, AlarmState> = { cpu: "ALARM", disk: "OK", net: "OK", deploy: "INSUFFICIENT_DATA", "a-b:c/d": "ALARM" };
    const holds = (rule: string) => evaluateAlarmRule(parseAlarmRule(rule, "alarm test"), (name) => states[name]!);

    test.each([
      ['ALARM("cpu")', true],
      ["ALARM(cpu)", true],
      ["ALARM( cpu )", true],
      ['ALARM("arn:aws:cloudwatch:eu-west-1:111122223333:alarm:cpu")', true],
      ["ALARM(arn:aws:cloudwatch:eu-west-1:111122223333:alarm:disk)", false],
      ["ALARM(a-b:c/d)", true],
      ["OK(disk)", true],
      ["INSUFFICIENT_DATA(deploy)", true],
      ["ALARM(deploy)", false],
      ["TRUE", true],
      ["FALSE", false],
      // The page's examples.
      ["ALARM(cpu) AND ALARM(disk)", false],
      ["ALARM(cpu) AND NOT ALARM(deploy)", true],
      ['(ALARM("cpu") OR ALARM("disk")) AND OK("net")', true],
      // Precedence: NOT over AND over OR.
      ["ALARM(disk) AND ALARM(cpu) OR TRUE", true],
      ["TRUE OR ALARM(cpu) AND FALSE", true],
      ["NOT ALARM(disk) AND FALSE", false],
      ["NOT (ALARM(disk) AND FALSE)", true],
    ])("%s is %s", (rule, expected) => expect(holds(rule)).toBe(expected));

    test.each([
      ["ALARM(cpu) AND", /expected ALARM/],
      ["ALARM(cpu", /missing \)/],
      ["alarm(cpu)", /unknown word alarm/],
      ['ALARM("cpu) OR OK(disk)', /expected \)|unterminated/],
      ["ALARM(cpu) XOR OK(disk)", /unexpected text/],
      ["ALARM()", /empty alarm name/],
    ])("%s is refused", (rule, message) => {
      expect(() => parseAlarmRule(rule, "alarm page")).toThrow(message);
      expect(() => parseAlarmRule(rule, "alarm page")).toThrow(/^alarm page: alarm_rule/);
    });
  });

  describe("composite alarms replayed", () => {
    const children = [
      plainAlarm({ alarm_name: "errors", alarm_actions: [], ok_actions: [] }),
      plainAlarm({ alarm_name: "latency", metric_name: LATENCY.metricName, alarm_actions: [], ok_actions: [] }),
    ];
    const page = { alarm_name: "page", alarm_rule: 'ALARM("errors") OR ALARM(latency)', alarm_actions: [PAGES], ok_actions: [PAGES] };

    test("INSUFFICIENT_DATA until the first evaluation, then OK or ALARM; children still INSUFFICIENT_DATA make no ALARM", () => {
      const result = replayAlarms(stackWith(children, [page]), new DatapointStore(), { start: T0, end: T0 + MINUTE });
      expect(result.stateAt("errors", T0)).toBe("INSUFFICIENT_DATA");
      expect(result.timelines.find((t) => t.alarmName === "page")!.changes.map((c) => c.state)).toEqual(["INSUFFICIENT_DATA", "OK"]);
      expect(result.notifications).toEqual([
        { time: T0, alarmName: "page", state: "OK", previousState: "INSUFFICIENT_DATA", topics: ["pages"] },
      ]);
    });

    test("a second child firing while the composite is in ALARM notifies no one; the page ends when both are OK", () => {
      const store = new DatapointStore();
      putMinutes(store, ERRORS, T0, [0, 20, 20, 20, 0, 0]);
      putMinutes(store, { ...ERRORS, metricName: LATENCY.metricName }, T0, [0, 0, 20, 20, 20, 0]);
      const result = replayAlarms(stackWith(children, [page]), store, { start: T0 + MINUTE, end: T0 + 6 * MINUTE });
      expect(result.notifications.map((n) => [(n.time - T0) / MINUTE, n.alarmName, n.state])).toEqual([
        [1, "page", "OK"],
        [2, "page", "ALARM"], // errors breached at T0+1m
        // latency enters ALARM at +3m: the composite is already in ALARM, nothing is sent.
        [6, "page", "OK"], // errors OK from +5m, latency from +6m
      ]);
      expect(result.stateAt("page", T0 + 5 * MINUTE)).toBe("ALARM");
    });

    test("a composite of a composite is evaluated after its child in the same minute", () => {
      const outer = { alarm_name: "outer", alarm_rule: "ALARM(page)", alarm_actions: [PAGES] };
      const store = new DatapointStore();
      putMinutes(store, ERRORS, T0 - MINUTE, [20]);
      const result = replayAlarms(stackWith(children, [outer, page]), store, { start: T0, end: T0 });
      expect(result.stateAt("outer", T0)).toBe("ALARM");
      expect(result.notifications.map((n) => n.alarmName)).toEqual(["page", "outer"]);
    });

    test("an unknown child and a cycle are errors naming the composite", () => {
      const unknown = { alarm_name: "page", alarm_rule: "ALARM(nope)" };
      expect(() => replayAlarms(stackWith(children, [unknown]), new DatapointStore(), { start: T0, end: T0 })).toThrow(
        /alarm page: alarm_rule names nope/,
      );
      const a = { alarm_name: "a", alarm_rule: "ALARM(b)" };
      const b = { alarm_name: "b", alarm_rule: "ALARM(a) OR ALARM(errors)" };
      expect(() => replayAlarms(stackWith(children, [a, b]), new DatapointStore(), { start: T0, end: T0 })).toThrow(/cycle \(a → b → a\)/);
    });
  });
});
