import { NotEvaluatedOffline, parseFilter } from "../../preview/logs/filter-expression";
import { recordFields } from "../../preview/logs/log-lines";
import { parseQuery, splitCommands } from "../../preview/logs/query-commands";
import { type LogRecord, runQuery } from "../../preview/logs/query-run";

describe("filter expressions", () => {
  const record = { level: "error", service: "agent", latency_ms: 1200, model: "gpt-4o", empty: "" };
  const holds = (filter: string) => Boolean(parseFilter(filter)(record));

  test("in [a, b]: any item equal; the list may hold one item", () => {
    expect(holds('level in ["warn", "error"]')).toBe(true);
    expect(holds('level in ["warn", "info"]')).toBe(false);
    expect(holds('model in ["gpt-4o"]')).toBe(true);
    expect(holds('level not in ["warn", "error"]')).toBe(false);
  });

  test("functions of one and two arguments, inside and/or", () => {
    expect(holds('ispresent(model) and strcontains(model, "gpt")')).toBe(true);
    expect(holds("isempty(empty) and latency_ms > 1000")).toBe(true);
    expect(holds('strcontains(service, "orch") or isblank(missing)')).toBe(true);
    expect(holds("ispresent(missing)")).toBe(false);
  });

  test("an unclosed list or call is not evaluated offline, never misread", () => {
    expect(() => parseFilter('level in ["warn", "error"')).toThrow(NotEvaluatedOffline);
    expect(() => parseFilter("ispresent(model")).toThrow(NotEvaluatedOffline);
  });
});

describe("log queries", () => {
  /** Hand-made lines: three kinds, counted per minute, as the world writes them. */
  const T0 = Date.UTC(2026, 2, 10, 14, 0) / 1000;
  const body = (json: Record<string, string | number | boolean>) => recordFields({ message: JSON.stringify(json), json }, "/app/agent");
  const ok = body({ level: "info", service: "agent", latency_ms: 200, model: "gpt", blocked: false });
  const slow = body({ level: "info", service: "agent", latency_ms: 1000, model: "claude", blocked: false });
  const error = body({ level: "error", service: "agent", message: "boom", latency_ms: 50, blocked: true });
  const at = (minute: number, fields: Record<string, string | number>, weight: number): LogRecord => ({
    weight,
    fields: { ...fields, "@timestamp": (T0 + minute * 60) * 1000 },
  });
  const records = [at(0, ok, 8), at(0, slow, 2), at(1, error, 3), at(5, ok, 4), at(6, error, 1)];
  const run = (query: string) => {
    const parsed = parseQuery(`SOURCE '/app/agent' | ${query}`);
    return runQuery(parsed.parse(), records);
  };
  const table = (query: string) => {
    const out = run(query);
    return out.rows.map((r) => [...out.columns.map((c) => r.fields[c] ?? null), r.weight]);
  };

  describe("splitting a widget's query", () => {
    test("SOURCE clauses give the log groups; | inside quotes and /regex/ does not split", () => {
      const parsed = parseQuery("SOURCE '/a' | SOURCE '/b' | filter @message like /x|y/ and msg = \"p|q\"\n| limit 5");
      expect(parsed.logGroups).toEqual(["/a", "/b"]);
      expect(splitCommands("fields a | filter b like /c|d/ | limit 1")).toEqual(["fields a", "filter b like /c|d/", "limit 1"]);
    });
  });

  describe("filter, fields, sort, limit over weighted lines", () => {
    test('filter level = "error": 4 lines; fields choose the columns; sort @timestamp desc; limit counts lines, not records', () => {
      expect(table('fields @timestamp, level, message | filter level = "error" | sort @timestamp desc')).toEqual([
        [(T0 + 360) * 1000, "error", "boom", 1],
        [(T0 + 60) * 1000, "error", "boom", 3],
      ]);
      expect(run('filter level = "error"').matchedLines).toBe(4);
      expect(table('fields level | filter level = "error" | sort @timestamp desc | limit 2')).toEqual([
        ["error", 1],
        ["error", 1],
      ]);
    });

    test("JSON booleans are 1/0, as Logs Insights indexes them: blocked = 1 matches, blocked = true does not", () => {
      expect(run("filter blocked = 1").matchedLines).toBe(4);
      expect(run("filter blocked = true").matchedLines).toBe(0);
    });

    test("and, or, not, ispresent, like, in, numeric comparisons", () => {
      expect(run("filter ispresent(model) and latency_ms > 500").matchedLines).toBe(2);
      expect(run('filter not ispresent(model) or model in ["claude"]').matchedLines).toBe(6);
      expect(run("filter @message like /(?i)BOOM/").matchedLines).toBe(4);
      expect(run('filter @message like "gpt"').matchedLines).toBe(12);
    });

    test("no fields command: @timestamp and @message", () => {
      expect(run("limit 1").columns).toEqual(["@timestamp", "@message"]);
    });
  });

  describe("stats", () => {
    test("count, sum, avg, pct by a field, weighted by identical lines", () => {
      // gpt: 12 lines of 200 ms; claude: 2 lines of 1000 ms. pct(…, 50) over gpt+claude+errors is 200.
      expect(
        table("filter ispresent(model) | stats count(*) as n, sum(latency_ms) as total, avg(latency_ms) as mean by model | sort n desc"),
      ).toEqual([
        ["gpt", 12, 2400, 200, 1],
        ["claude", 2, 2000, 1000, 1],
      ]);
      expect(table("stats pct(latency_ms, 50) as p50, pct(latency_ms, 90) as p90, max(latency_ms)")).toEqual([[200, 1000, 1000, 1]]);
    });

    test("by bin(5m): minutes 0–4 and 5–9 in two rows, oldest first; the column is named as written", () => {
      const out = run("stats count(*) by bin(5m)");
      expect(out.columns).toEqual(["bin(5m)", "count(*)"]);
      expect(out.timeColumns).toContain("bin(5m)");
      expect(out.rows.map((r) => [r.fields["bin(5m)"], r.fields["count(*)"]])).toEqual([
        [T0 * 1000, 13],
        [(T0 + 300) * 1000, 5],
      ]);
    });

    test("matchedLines counts the lines that reached stats", () => {
      expect(run('filter level = "info" | stats count(*) as n').matchedLines).toBe(14);
    });
  });

  describe("what is not evaluated says so", () => {
    test.each([
      ["a command the preview does not model", "dedup @logStream", "the dedup command is not evaluated offline"],
      [
        "a glob parse (the project's queries use regexes)",
        "parse @message 'a * b' as x",
        "parse @message 'a * b' as x is not evaluated offline",
      ],
      ["a function", "filter strlen(message) > 2", "the function strlen() is not evaluated offline"],
      ["an aggregation", "stats earliest(@timestamp)", 'the aggregation "earliest(@timestamp)" is not evaluated offline'],
      ["an expression in fields", "fields latency_ms * 2 as double", "is not evaluated offline"],
    ])("%s", (_, query, message) => {
      expect(() => run(query)).toThrow(NotEvaluatedOffline);
      expect(() => run(query)).toThrow(message);
    });
  });
});
