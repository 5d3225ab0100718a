/**
 * A composite alarm's alarm_rule ("Create a composite alarm", PutCompositeAlarm's AlarmRule): ALARM(x), OK(x),
 * INSUFFICIENT_DATA(x), TRUE, FALSE, AND, OR, NOT and parentheses, where x is an alarm name or ARN, "surrounded with
 * double-quotes (") but [they] do not have to be".
 * A small hand-written parser, not jsep: unquoted names such as ALARM(axonflow-production-page) or
 * ALARM(arn:aws:cloudwatch:…:alarm:x) hold - : / which an expression parser reads as operators.
 * Precedence (AWS gives none): NOT binds tightest, then AND, then OR.
 */
import type { AlarmState } from "./alarm-definitions";

export type RuleNode =
  | { readonly kind: "state"; readonly state: AlarmState; readonly alarmName: string }
  | { readonly kind: "constant"; readonly value: boolean }
  | { readonly kind: "not"; readonly argument: RuleNode }
  | { readonly kind: "and" | "or"; readonly left: RuleNode; readonly right: RuleNode };

const FUNCTIONS: readonly AlarmState[] = ["ALARM", "OK", "INSUFFICIENT_DATA"];

export function parseAlarmRule(rule: string, where: string): RuleNode {
  let position = 0;
  const fail = (problem: string): never => {
    throw new Error(`${where}: alarm_rule ${JSON.stringify(rule)}: ${problem} at character ${position}`);
  };
  const skipSpaces = () => {
    while (position < rule.length && /\s/.test(rule[position]!)) position++;
  };
  const word = (): string => {
    skipSpaces();
    const match = /^[A-Za-z_]+/.exec(rule.slice(position));
    return match ? match[0] : "";
  };
  const take = (text: string) => {
    position += text.length;
  };

  const argument = (): string => {
    skipSpaces();
    let name: string;
    if (rule[position] === '"') {
      const close = rule.indexOf('"', position + 1);
      if (close < 0) fail("unterminated quoted alarm name");
      name = rule.slice(position + 1, close);
      position = close + 1;
      skipSpaces();
    } else {
      const close = rule.indexOf(")", position);
      if (close < 0) fail("missing )");
      name = rule.slice(position, close).trim();
      position = close;
    }
    if (rule[position] !== ")") fail("expected )");
    position++;
    if (name === "") fail("empty alarm name");
    // An alarm ARN (arn:aws:cloudwatch:region:account:alarm:name) names the alarm by its last part.
    return name.startsWith("arn:") ? name.slice(name.lastIndexOf(":") + 1) : name;
  };

  const primary = (): RuleNode => {
    skipSpaces();
    if (rule[position] === "(") {
      position++;
      const inner = or();
      skipSpaces();
      if (rule[position] !== ")") fail("expected )");
      position++;
      return inner;
    }
    const keyword = word();
    if (keyword === "TRUE" || keyword === "FALSE") {
      take(keyword);
      return { kind: "constant", value: keyword === "TRUE" };
    }
    if ((FUNCTIONS as readonly string[]).includes(keyword)) {
      take(keyword);
      skipSpaces();
      if (rule[position] !== "(") fail(`expected ( after ${keyword}`);
      position++;
      return { kind: "state", state: keyword as AlarmState, alarmName: argument() };
    }
    return fail(keyword ? `unknown word ${keyword}` : "expected ALARM(…), OK(…), INSUFFICIENT_DATA(…), TRUE, FALSE, NOT or (");
  };
  const not = (): RuleNode => {
    if (word() === "NOT") {
      take("NOT");
      return { kind: "not", argument: not() };
    }
    return primary();
  };
  const and = (): RuleNode => {
    let left = not();
    while (word() === "AND") {
      take("AND");
      left = { kind: "and", left, right: not() };
    }
    return left;
  };
  const or = (): RuleNode => {
    let left = and();
    while (word() === "OR") {
      take("OR");
      left = { kind: "or", left, right: and() };
    }
    return left;
  };

  const tree = or();
  skipSpaces();
  if (position < rule.length) fail("unexpected text");
  return tree;
}

export function evaluateAlarmRule(node: RuleNode, stateOf: (alarmName: string) => AlarmState): boolean {
  switch (node.kind) {
    case "constant":
      return node.value;
    case "state":
      return stateOf(node.alarmName) === node.state;
    case "not":
      return !evaluateAlarmRule(node.argument, stateOf);
    case "and":
      return evaluateAlarmRule(node.left, stateOf) && evaluateAlarmRule(node.right, stateOf);
    case "or":
      return evaluateAlarmRule(node.left, stateOf) || evaluateAlarmRule(node.right, stateOf);
  }
}

export function ruleAlarmNames(node: RuleNode): string[] {
  switch (node.kind) {
    case "constant":
      return [];
    case "state":
      return [node.alarmName];
    case "not":
      return ruleAlarmNames(node.argument);
    case "and":
    case "or":
      return [...ruleAlarmNames(node.left), ...ruleAlarmNames(node.right)];
  }
}
