import {
  callsFunction,
  MetricMathError,
  parseMetricMath,
  parseOrProblem,
  QUERY_ID,
  referencedIds,
  type MathNode,
} from "../../lib/metrics/metric-math";

const parse = (expression: string) => parseMetricMath(expression, "alarm a, metric_query e1");
const ref = (id: string): MathNode => ({ kind: "ref", id });
const num = (value: number): MathNode => ({ kind: "number", value });

describe("metric math syntax", () => {
  test("precedence: unary - over ^ (right-associative), over * /, over + -, over comparisons, over AND, over OR", () => {
    expect(parse("-2^2")).toEqual({ kind: "binary", operator: "^", left: { kind: "negate", argument: num(2) }, right: num(2) });
    expect(parse("2 ^ 3 ^ 2")).toEqual({
      kind: "binary",
      operator: "^",
      left: num(2),
      right: { kind: "binary", operator: "^", left: num(3), right: num(2) },
    });
    expect(parse("a + b * c")).toEqual({
      kind: "binary",
      operator: "+",
      left: ref("a"),
      right: { kind: "binary", operator: "*", left: ref("b"), right: ref("c") },
    });
    expect(parse("a > 1 AND b OR c")).toEqual({
      kind: "binary",
      operator: "OR",
      left: { kind: "binary", operator: "AND", left: { kind: "binary", operator: ">", left: ref("a"), right: num(1) }, right: ref("b") },
      right: ref("c"),
    });
  });

  test("&& and || are AND and OR; != is a comparison, not a NOT", () => {
    expect(parse("a && b || c")).toEqual(parse("a AND b OR c"));
    expect(parse("a != 0")).toEqual({ kind: "binary", operator: "!=", left: ref("a"), right: num(0) });
  });

  test("calls of any upper-case function, lists and FILL's keywords as arguments", () => {
    expect(parse("SUM([a, b])")).toEqual({ kind: "call", name: "SUM", args: [{ kind: "list", items: [ref("a"), ref("b")] }] });
    expect(parse("FILL(m1, REPEAT)")).toEqual({ kind: "call", name: "FILL", args: [ref("m1"), { kind: "keyword", name: "REPEAT" }] });
    expect(parse("RATE(m1)")).toEqual({ kind: "call", name: "RATE", args: [ref("m1")] });
    expect(parse("METRICS()")).toEqual({ kind: "call", name: "METRICS", args: [] });
  });

  test("a quoted argument is kept as written between its quotes, escapes included (a SEARCH query has its own)", () => {
    expect(parse(String.raw`SEARCH('{"AxonFlow/prod",Model} MetricName="a\(b"', 'Sum', 300)`)).toEqual({
      kind: "call",
      name: "SEARCH",
      args: [{ kind: "string", text: String.raw`{"AxonFlow/prod",Model} MetricName="a\(b"` }, { kind: "string", text: "Sum" }, num(300)],
    });
  });

  test.each([
    ["NOT m1", /NOT and ! are not metric math operators/],
    ["!m1", /NOT and ! are not metric math operators/],
    ["m1 AND NOT m2", /NOT and ! are not metric math operators/],
    ["m1 +", /does not parse/],
    ["(m1", /does not parse/],
    ["m1.x", /unsupported syntax \(MemberExpression\)/],
    ["m1 ? 1 : 0", /unsupported syntax/],
    ["M1 + 1", /M1 is neither a query id \(lowercase start\) nor a value/],
    ["REPEAT + 1", /REPEAT is neither a query id/],
    ["fill(m1, 0)", /unknown or unsupported function fill/],
    ["[a, b]", /a list \[ … \] is only valid as a function's argument/],
    ["SUM([a, , b])", /empty list element/],
    ["'text' + 1", /unsupported literal 'text'/],
  ])("%s is refused", (expression, message) => {
    expect(() => parse(expression)).toThrow(MetricMathError);
    expect(() => parse(expression)).toThrow(message);
  });

  test("an error names where the expression is and the expression", () => {
    expect(() => parse("m1 +")).toThrow(/^alarm a, metric_query e1: expression "m1 \+": does not parse/);
  });

  test("parseOrProblem: the tree, or the problem as the error would say it, for checks that list every problem", () => {
    expect(parseOrProblem("m1 * 2", "line e1")).toEqual({ tree: parseMetricMath("m1 * 2", "line e1") });
    expect(parseOrProblem("m1 *", "line e1")).toEqual({ problem: expect.stringMatching(/^line e1: expression "m1 \*": does not parse/) });
  });
});

describe("what an expression reads", () => {
  test("the query ids, in order of appearance, each once", () => {
    expect(referencedIds(parse("IF(FILL(requests, 0) >= 10 AND FILL(lines, 0) == 0, 1, 0)"))).toEqual(["requests", "lines"]);
    expect(referencedIds(parse("100*(FILL(m2,0)+FILL(m3,0))/(FILL(m1,0)+FILL(m4,0))"))).toEqual(["m2", "m3", "m1", "m4"]);
    expect(referencedIds(parse("-x ^ 2 + MAX([y, x, 5])"))).toEqual(["x", "y"]);
    expect(referencedIds(parse("42"))).toEqual([]);
  });

  test("lower-case words inside quotes are not ids", () => {
    expect(referencedIds(parse(`SEARCH('{AWS/ECS,ServiceName} MetricName="cpu" agent', 'Sum', 300)`))).toEqual([]);
    expect(referencedIds(parse(`SUM(SEARCH('requests', 'Sum', 60)) / total`))).toEqual(["total"]);
  });

  test("whether an expression calls a function, at any depth", () => {
    expect(callsFunction(parse("ANOMALY_DETECTION_BAND(filled, 2)"), "ANOMALY_DETECTION_BAND")).toBe(true);
    expect(callsFunction(parse("100 * SUM(SEARCH('x', 'Sum', 60))"), "SEARCH")).toBe(true);
    expect(callsFunction(parse("100 * search / 2"), "SEARCH")).toBe(false);
  });
});

describe("query ids", () => {
  test.each(["m1", "cpuUsed", "target_5xx", "a"])("%s is an id", (id) => expect(QUERY_ID.test(id)).toBe(true));
  test.each(["M1", "1m", "_m", "m-1", ""])("%s is not", (id) => expect(QUERY_ID.test(id)).toBe(false));
});
