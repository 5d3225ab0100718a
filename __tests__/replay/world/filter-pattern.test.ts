import { compileFilterPattern, type LogEvent } from "../../../replay/world/filter-pattern";

describe("filter patterns", () => {
  // Examples from AWS's "Filter pattern syntax for metric filters" and "Using filter patterns to match terms in JSON
  // log events" pages: the events, the patterns and whether AWS says they match.
  const json = (value: unknown): LogEvent => ({ message: JSON.stringify(value), json: value });
  const text = (message: string): LogEvent => ({ message });

  const trailEvent = json({
    eventType: "UpdateTrail",
    sourceIPAddress: "111.111.111.111",
    arrayKey: ["value", "another value"],
    objectList: [
      { name: "a", id: 1 },
      { name: "b", id: 2 },
    ],
    SomeObject: null,
    "cluster.name": "c",
  });

  const usersEvent = json({
    user: { id: 1, email: "John.Stiles@example.com" },
    users: [
      { id: 2, email: "John.Doe@example.com" },
      { id: 3, email: "Jane.Doe@example.com" },
    ],
    actions: ["GET", "PUT", "DELETE"],
    coordinates: [
      [0, 1, 2],
      [4, 5, 6],
      [7, 8, 9],
    ],
  });

  describe("JSON patterns: AWS's documented examples", () => {
    test.each([
      '{ $.eventType = "UpdateTrail" }',
      "{ $.sourceIPAddress != 123.123.* }",
      '{ $.arrayKey[0] = "value" }',
      "{ $.objectList[1].id = 2 }",
      "{ $.SomeObject IS NULL }",
      "{ $.SomeOtherObject NOT EXISTS }",
      "{ $.['cluster.name'] = \"c\" }",
      '{ $.eventType = "*" && $.sourceIPAddress != 123.123.* }',
    ])("%s matches the sample event", (pattern) => {
      expect(compileFilterPattern(pattern).matches(trailEvent)).toBe(true);
    });

    test.each([
      ['{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', true],
      ['{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch" && $.actions[2] = "nonmatch" }', true],
      ['{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch") && $.actions[2] = "nonmatch" }', false],
      ['{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', false],
    ] as const)("compound %s → %s (&& binds tighter than ||)", (pattern, expected) => {
      expect(compileFilterPattern(pattern).matches(usersEvent)).toBe(expected);
    });

    test("the numeric operators of the docs, on an event that satisfies each and on one that does not", () => {
      const patterns = [
        "{ $.bandwidth > 75 }",
        "{ $.latency < 50 }",
        "{ $.refreshRate >= 60 }",
        "{ $.responseTime <= 5 }",
        "{ $.errorCode = 400}",
        "{ $.errorCode != 500 }",
        "{ $.number[0] = 1e-3 }",
        "{ $.number[0] != 1e+3 }",
      ];
      const satisfies = json({ bandwidth: 76, latency: 49, refreshRate: 60, responseTime: 5, errorCode: 400, number: [0.001] });
      const violates = json({ bandwidth: 75, latency: 50, refreshRate: 59, responseTime: 6, errorCode: 500, number: [1000] });
      expect(patterns.filter((p) => !compileFilterPattern(p).matches(satisfies))).toEqual([]);
      expect(patterns.filter((p) => compileFilterPattern(p).matches(violates))).toEqual([]);
    });

    test("{ $.latency = * } matches an event holding the field (AWS's metric-value example) and not one without it", () => {
      const p = compileFilterPattern("{ $.latency = * }");
      expect(p.matches(json({ latency: 50, requestType: "GET" }))).toBe(true);
      expect(p.matches(json({ requestType: "GET" }))).toBe(false);
    });

    test("IS TRUE / IS FALSE test the JSON boolean, not a string", () => {
      expect(compileFilterPattern("{ $.ThisFlag IS TRUE }").matches(json({ ThisFlag: true }))).toBe(true);
      expect(compileFilterPattern("{ $.ThisFlag IS TRUE }").matches(json({ ThisFlag: false }))).toBe(false);
      expect(compileFilterPattern("{ $.ThisFlag IS TRUE }").matches(json({ ThisFlag: "true" }))).toBe(false);
      expect(compileFilterPattern("{ $.ThisFlag IS FALSE }").matches(json({ ThisFlag: false }))).toBe(true);
    });

    test("IS NULL needs the field present and null; a missing field is NOT EXISTS", () => {
      expect(compileFilterPattern("{ $.SomeObject IS NULL }").matches(json({}))).toBe(false);
      expect(compileFilterPattern("{ $.SomeObject NOT EXISTS }").matches(json({ SomeObject: null }))).toBe(false);
    });

    test("strings compare whole and case-sensitively; * is a wildcard", () => {
      const event = json({ level: "error", message: "Request processed successfully" });
      expect(compileFilterPattern('{ $.level = "error" }').matches(event)).toBe(true);
      expect(compileFilterPattern('{ $.level = "ERROR" }').matches(event)).toBe(false);
      expect(compileFilterPattern('{ $.level = "err" }').matches(event)).toBe(false);
      expect(compileFilterPattern('{ $.message = "Request*" }').matches(event)).toBe(true);
      expect(compileFilterPattern('{ $.message = "*processed*" }').matches(event)).toBe(true);
    });

    test("a JSON pattern never matches a line that is not JSON", () => {
      expect(compileFilterPattern('{ $.level = "error" }').matches(text('level = "error"'))).toBe(false);
    });

    test("a selector pointing at an object or an array does not match, even with != (AWS: the filter won't match)", () => {
      expect(compileFilterPattern('{ $.user != "x" }').matches(usersEvent)).toBe(false);
      expect(compileFilterPattern('{ $.actions != "x" }').matches(usersEvent)).toBe(false);
    });
  });

  describe("the stack's own patterns on AxonFlow's log lines", () => {
    const line = json({
      timestamp: "2026-03-10T10:00:00Z",
      level: "info",
      service: "orchestrator",
      request_id: "req-abc",
      organization_id: "org-xyz",
      message: "Request processed successfully",
      latency_ms: 245,
      model: "claude-sonnet-4",
      tokens_used: 1250,
      policy_evaluations: 3,
      blocked: false,
    });
    test("an info line is no error, no policy block, and a token-usage line", () => {
      expect(compileFilterPattern('{ $.level = "error" }').matches(line)).toBe(false);
      expect(compileFilterPattern("{ $.blocked IS TRUE }").matches(line)).toBe(false);
      expect(compileFilterPattern("{ ($.tokens_used = *) && ($.model = *) }").matches(line)).toBe(true);
    });
    test("a line without a model is no token-usage line", () => {
      expect(compileFilterPattern("{ ($.tokens_used = *) && ($.model = *) }").matches(json({ level: "error", tokens_used: 3 }))).toBe(
        false,
      );
    });
  });

  describe("terms in unstructured text: AWS's documented examples", () => {
    const lines = {
      e400: "[ERROR 400] BAD REQUEST",
      e401: "[ERROR 401] UNAUTHORIZED REQUEST",
      e419: "[ERROR 419] MISSING ARGUMENTS",
      e420: "[ERROR 420] INVALID ARGUMENTS",
      e500: "[ERROR 500] INTERNAL SERVER ERROR",
      ok: "[INFO 200] SUCCESSFUL REQUEST",
      warn: "[WARN] UNAUTHORIZED REQUEST",
    };
    const matching = (pattern: string) =>
      Object.entries(lines)
        .filter(([, m]) => compileFilterPattern(pattern).matches(text(m)))
        .map(([k]) => k);

    test.each([
      ["ERROR", ["e400", "e401", "e419", "e420", "e500"]],
      ["ERROR ARGUMENTS", ["e419", "e420"]],
      ["?ERROR ?ARGUMENTS", ["e400", "e401", "e419", "e420", "e500"]],
      ['"INTERNAL SERVER ERROR"', ["e500"]],
      ["ERROR -ARGUMENTS", ["e400", "e401", "e500"]],
      // "?" mixed with a plain term is ignored: only REQUEST counts.
      ["?ERROR ?ARGUMENTS REQUEST", ["e400", "e401", "ok", "warn"]],
      ['" "', Object.keys(lines)],
    ])("%s", (pattern, expected) => {
      expect(matching(pattern)).toEqual(expected);
    });

    test("the empty pattern matches every event, JSON or not", () => {
      expect(compileFilterPattern("").matches(text("anything"))).toBe(true);
      expect(compileFilterPattern("  ").matches(json({ a: 1 }))).toBe(true);
    });
  });

  describe("syntax the replay does not model, or AWS rejects: an Error naming the pattern", () => {
    test.each([
      "%AUTHORIZED%",
      "[ip, user, username, timestamp, request, status_code, bytes > 1000]",
      "{ $.eventType = %Trail% }",
      "{ $.arrayKey[*] = %val.{2}% }",
      "{ $.* = 1 }",
      "{ $.SomeObject IS NOT NULL }",
      "{ $.SomeObject EXISTS }",
      "{ $.level = }",
      '{ $.level = "error" ',
      "{ $.latency > fast }",
      "{ level = 1 }",
    ])("%s", (pattern) => {
      expect(() => compileFilterPattern(pattern)).toThrow(`filter pattern ${JSON.stringify(pattern)}`);
    });
  });
});
