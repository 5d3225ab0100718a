import { layoutProblems, layoutRows, MAX_WIDGETS, Row, type WidgetJson } from "../../lib/dashboard/grid";
import { AlarmStatusWidget, type AlarmStatusWidgetProps } from "../../lib/dashboard/widgets/alarm-status-widget";
import { LogWidget, type LogWidgetProps } from "../../lib/dashboard/widgets/log-widget";
import { MetricWidget, type MetricWidgetProps } from "../../lib/dashboard/widgets/metric-widget";
import { TextWidget } from "../../lib/dashboard/widgets/text-widget";
import { ALB } from "../../lib/metrics/catalog";
import { MetricDefinition } from "../../lib/metrics/metric";
import { searchExpression } from "../../lib/metrics/search-expression";
import { expectNoOverlap } from "../support/dashboard-body";

describe("widgets", () => {
  describe("grid", () => {
    const w = (width: number, height = 6) => new TextWidget({ markdown: `w${width}`, width, height });
    const at = (x: number, y: number, width: number, height: number, title = ""): WidgetJson => ({
      type: "text",
      x,
      y,
      width,
      height,
      properties: { title },
    });

    describe("layoutRows", () => {
      test("a row wraps a widget that would pass column 24 and the next row starts below the tallest", () => {
        const placed = layoutRows([new Row(w(12), w(8, 3), w(12)), new Row(w(24))]);
        expect(placed.map((p) => [p.x, p.y])).toEqual([
          [0, 0],
          [12, 0],
          [0, 6],
          [0, 12],
        ]);
        expectNoOverlap(placed);
        expect(layoutProblems(placed)).toEqual([]);
      });

      test("is deterministic: the same rows give the same coordinates", () => {
        const rows = () => [new Row(w(5), w(7, 2), w(13), w(24, 1)), new Row(w(1), w(23))];
        expect(layoutRows(rows())).toEqual(layoutRows(rows()));
      });

      test("rejects more widgets than a dashboard may hold", () => {
        const many = Array.from({ length: MAX_WIDGETS + 1 }, () => w(24, 1));
        expect(() => layoutRows([new Row(...many)])).toThrow(`dashboard has 501 widgets; CloudWatch allows at most ${MAX_WIDGETS}`);
        expect(() => layoutRows([new Row(...many.slice(1))])).not.toThrow();
      });
    });

    describe("layoutProblems", () => {
      test("reports a widget past column 24 and two widgets on the same cells", () => {
        expect(layoutProblems([at(18, 0, 8, 6, "wide"), at(0, 0, 12, 6, "a"), at(6, 3, 6, 6, "b")])).toEqual([
          'text "wide" at (18,0) width 8 passes column 24',
          'text "a" at (0,0) overlaps text "b" at (6,3)',
        ]);
      });

      test("widgets that only touch do not overlap", () => {
        expect(layoutProblems([at(0, 0, 12, 6), at(12, 0, 12, 6), at(0, 6, 24, 1)])).toEqual([]);
      });
    });
  });

  describe("metric-widget", () => {
    const metric = ALB.requestCount.with({ LoadBalancer: "app/a/0123456789abcdef" });
    const base: MetricWidgetProps = { title: "t", region: "eu-west-1", width: 12, lines: [{ metric }] };
    const build = (patch: Partial<MetricWidgetProps>) => new MetricWidget({ ...base, ...patch });

    describe("MetricWidget renders the documented metrics array", () => {
      test("a metric line is [namespace, name, dimension key, value, {options}] written in full", () => {
        const w = build({
          lines: [{ metric, options: { id: "m1", label: "Requests", stat: "p99.9", periodSeconds: 60, visible: true, yAxis: "right" } }],
        });
        expect(w.toJson(0, 0).properties.metrics).toEqual([
          [
            "AWS/ApplicationELB",
            "RequestCount",
            "LoadBalancer",
            "app/a/0123456789abcdef",
            { id: "m1", label: "Requests", stat: "p99.9", period: 60, visible: true, yAxis: "right" },
          ],
        ]);
      });

      test("an expression line is [{expression, label, id}], hidden inputs carry visible: false", () => {
        const w = build({
          view: "singleValue",
          stat: "Sum",
          periodSeconds: 3600,
          lines: [
            { expression: "m1*2", id: "e1", label: "Double" },
            { metric, options: { id: "m1", visible: false } },
          ],
        });
        expect(w.toJson(3, 4)).toEqual({
          type: "metric",
          x: 3,
          y: 4,
          width: 12,
          height: 6,
          properties: {
            title: "t",
            region: "eu-west-1",
            view: "singleValue",
            stat: "Sum",
            period: 3600,
            metrics: [
              [{ expression: "m1*2", label: "Double", id: "e1" }],
              ["AWS/ApplicationELB", "RequestCount", "LoadBalancer", "app/a/0123456789abcdef", { id: "m1", visible: false }],
            ],
          },
        });
      });

      test("a SEARCH expression's quoted query is not read as line ids", () => {
        expect(() =>
          build({ lines: [{ expression: `SEARCH('{"AxonFlow/staging",Model} MetricName="TokensUsed" agent', 'Sum', 300)`, id: "s1" }] }),
        ).not.toThrow();
        expect(() => build({ lines: [{ expression: `SUM(SEARCH('agent', 'Sum', 300)) / total`, id: "s1" }] })).toThrow(
          'uses "total", which no line defines',
        );
      });
    });

    describe("MetricWidget rejects what CloudWatch would reject or draw wrongly", () => {
      const many = Array.from({ length: 501 }, (_, i) => ({ metric, options: { id: `m${i}` } }));
      test.each<[string, Partial<MetricWidgetProps>, string]>([
        ["a width of 0", { width: 0 }, `MetricWidget "t": width must be a whole number 1..24, received 0`],
        ["a width of 25", { width: 25 }, "width must be a whole number 1..24, received 25"],
        ["a fractional width", { width: 1.5 }, "width must be a whole number 1..24, received 1.5"],
        ["a height of 0", { height: 0 }, "height must be a whole number 1..1000, received 0"],
        ["an unknown widget statistic", { stat: "avg" }, 'stat "avg" is not a CloudWatch statistic; allowed: SampleCount, Average'],
        [
          "an unknown line statistic",
          { lines: [{ metric, options: { stat: "P95" } }] },
          'line "AWS/ApplicationELB/RequestCount": stat "P95" is not a CloudWatch statistic',
        ],
        ["a period that is not a multiple of 60", { periodSeconds: 90 }, "period 90 s is not allowed; allowed: a multiple of 60"],
        ["a line period below 60", { lines: [{ metric, options: { periodSeconds: 30 } }] }, "period 30 s is not allowed"],
        ["no lines", { lines: [] }, "has 0 lines; allowed: 1..500"],
        ["501 lines", { lines: many }, "has 501 lines; allowed: 1..500"],
        ["a region that is not one", { region: "Europe" }, 'region "Europe" is not an AWS region'],
        ["an id starting upper case", { lines: [{ metric, options: { id: "M1" } }] }, 'id "M1" must start with a lowercase letter'],
        [
          "a duplicated id",
          {
            lines: [
              { metric, options: { id: "m1" } },
              { metric, options: { id: "m1" } },
            ],
          },
          'the id "m1" is used for two lines; rename one',
        ],
        [
          "an expression over an undefined id",
          { lines: [{ expression: "m1*2", id: "e1" }] },
          'expression "m1*2" uses "m1", which no line defines',
        ],
        ["an expression over itself", { lines: [{ expression: "e1*2", id: "e1" }] }, 'expression "e1*2" uses its own id "e1"'],
        [
          "an expression that does not parse",
          {
            lines: [
              { expression: "m1 *", id: "e1" },
              { metric, options: { id: "m1" } },
            ],
          },
          'line "e1": expression "m1 *": does not parse',
        ],
        [
          "101 SEARCH expressions",
          { lines: Array.from({ length: 101 }, (_, i) => ({ expression: `2 * SEARCH('x', 'Sum', 300)`, id: `s${i}` })) },
          "has 101 SEARCH expressions; allowed: at most 100",
        ],
        [
          "a hidden line no expression uses",
          { lines: [{ metric, options: { id: "m9", visible: false } }, { metric }] },
          'line "m9" is hidden but no expression uses it',
        ],
        [
          "every line hidden",
          {
            lines: [
              { expression: "m1", id: "e1", visible: false },
              { metric, options: { id: "m1", visible: false } },
            ],
          },
          "every line is hidden",
        ],
      ])("%s", (_, patch, message) => {
        expect(() => build(patch)).toThrow(message);
      });

      test("the message names the widget and lists every problem at once", () => {
        expect(() => build({ title: "Latency", stat: "avg", periodSeconds: 90 })).toThrow(
          /^MetricWidget "Latency": stat "avg" .*; period 90 s/,
        );
      });
    });
  });

  describe("text-widget", () => {
    describe("TextWidget", () => {
      test("renders markdown, and background only when set", () => {
        expect(new TextWidget({ markdown: "# Hi", width: 6, height: 2 }).toJson(0, 0)).toEqual({
          type: "text",
          x: 0,
          y: 0,
          width: 6,
          height: 2,
          properties: { markdown: "# Hi" },
        });
        expect(new TextWidget({ markdown: "x", width: 6, height: 2, background: "transparent" }).toJson(0, 0).properties).toEqual({
          markdown: "x",
          background: "transparent",
        });
      });

      test.each<[string, () => TextWidget, string]>([
        ["blank markdown", () => new TextWidget({ markdown: "  ", width: 6, height: 2 }), "TextWidget: markdown is required"],
        [
          "a height of 0",
          () => new TextWidget({ markdown: "x", width: 6, height: 0 }),
          "TextWidget: height must be a whole number 1..1000, received 0",
        ],
        [
          "a width of 25",
          () => new TextWidget({ markdown: "x", width: 25, height: 2 }),
          "TextWidget: width must be a whole number 1..24, received 25",
        ],
      ])("rejects %s", (_, make, message) => expect(make).toThrow(message));
    });
  });

  describe("log-widget", () => {
    const base: LogWidgetProps = {
      title: "Errors",
      region: "eu-west-1",
      logGroupNames: ["/axonflow/test/agent", "/axonflow/test/orchestrator"],
      query: 'fields @timestamp, @message\n| filter level = "error"\n| sort @timestamp desc',
      width: 24,
    };
    const build = (patch: Partial<LogWidgetProps> = {}) => new LogWidget({ ...base, ...patch });

    describe("LogWidget", () => {
      test("renders region, title, view and a query that starts with one SOURCE per log group", () => {
        expect(build().toJson(0, 5)).toEqual({
          type: "log",
          x: 0,
          y: 5,
          width: 24,
          height: 6,
          properties: {
            title: "Errors",
            region: "eu-west-1",
            query:
              `SOURCE '/axonflow/test/agent' | SOURCE '/axonflow/test/orchestrator' | fields ` +
              `@timestamp, @message\n| filter level = "error"\n| sort @timestamp desc`,
            view: "table",
          },
        });
      });

      test("one command per \\n| line: continuation lines of a multi-line stats are joined", () => {
        const w = build({
          logGroupNames: ["/a"],
          query: "filter x > 0\n| stats avg(x) as a,\n    max(x) as b\n  by model\n| sort a desc",
          view: "bar",
        });
        expect(w.toJson(0, 0).properties).toMatchObject({
          query: "SOURCE '/a' | filter x > 0\n| stats avg(x) as a, max(x) as b by model\n| sort a desc",
          view: "bar",
        });
      });

      test.each<[string, Partial<LogWidgetProps>, string]>([
        ["no log group", { logGroupNames: [] }, "list at least one log group to query"],
        [
          "a log group name with a space",
          { logGroupNames: ["/axonflow/my group"] },
          'log group "/axonflow/my group" is not a log group name',
        ],
        ["a log group listed twice", { logGroupNames: ["/a", "/a"] }, "a log group is listed twice"],
        ["an empty query", { query: " \n " }, "the query is empty"],
        [
          "SOURCE written into the query",
          { query: "SOURCE '/other' | fields @message" },
          "give the log groups in logGroupNames, not as SOURCE in the query",
        ],
        [
          "a query over 10,000 characters",
          { query: `fields ${"x".repeat(10_000)}` },
          "the query is 10078 characters; allowed: at most 10000",
        ],
        ["a width past the grid", { width: 30 }, "width must be a whole number 1..24, received 30"],
      ])("rejects %s", (_, patch, message) => {
        expect(() => build(patch)).toThrow(`LogWidget "Errors": ${message}`);
      });
    });
  });

  describe("alarm-status-widget", () => {
    const arn = (name: string, region = "eu-west-1") => `arn:aws:cloudwatch:${region}:111122223333:alarm:${name}`;
    const base: AlarmStatusWidgetProps = { title: "Alarms", alarmArns: [arn("a"), arn("b")], width: 12 };
    const build = (patch: Partial<AlarmStatusWidgetProps> = {}) => new AlarmStatusWidget({ ...base, ...patch });

    describe("AlarmStatusWidget", () => {
      test("renders the ARNs in order, sort and state filter", () => {
        expect(build({ sortBy: "stateUpdatedTimestamp", states: ["ALARM", "INSUFFICIENT_DATA"] }).toJson(12, 0)).toEqual({
          type: "alarm",
          x: 12,
          y: 0,
          width: 12,
          height: 6,
          properties: {
            title: "Alarms",
            alarms: [arn("a"), arn("b")],
            sortBy: "stateUpdatedTimestamp",
            states: ["ALARM", "INSUFFICIENT_DATA"],
          },
        });
      });

      test("accepts 100 alarms and ARNs of other partitions", () => {
        expect(() => build({ alarmArns: Array.from({ length: 100 }, (_, i) => arn(`a${i}`)) })).not.toThrow();
        expect(() =>
          build({
            alarmArns: [
              "arn:aws-us-gov:cloudwatch:us-gov-west-1:111122223333:alarm:x",
              "arn:aws-cn:cloudwatch:cn-north-1:111122223333:alarm:y",
            ],
          }),
        ).not.toThrow();
      });

      test.each<[string, Partial<AlarmStatusWidgetProps>, string]>([
        ["no alarms", { alarmArns: [] }, "lists 0 alarms; allowed: 1..100 per widget"],
        ["101 alarms", { alarmArns: Array.from({ length: 101 }, (_, i) => arn(`a${i}`)) }, "lists 101 alarms; allowed: 1..100 per widget"],
        [
          "an alarm name instead of an ARN",
          { alarmArns: ["axonflow-test-high-latency"] },
          '"axonflow-test-high-latency" is not a CloudWatch alarm ARN',
        ],
        [
          "an SNS ARN",
          { alarmArns: ["arn:aws:sns:eu-west-1:111122223333:alerts"] },
          '"arn:aws:sns:eu-west-1:111122223333:alerts" is not a CloudWatch alarm ARN',
        ],
        [
          "a short account id",
          { alarmArns: ["arn:aws:cloudwatch:eu-west-1:1111:alarm:x"] },
          '"arn:aws:cloudwatch:eu-west-1:1111:alarm:x" is not a CloudWatch alarm ARN',
        ],
        ["an ARN listed twice", { alarmArns: [arn("a"), arn("a")] }, "an alarm ARN is listed twice"],
      ])("rejects %s", (_, patch, message) => {
        expect(() => build(patch)).toThrow(`AlarmStatusWidget "Alarms": ${message}`);
      });
    });
  });

  describe("search-expression", () => {
    describe("searchExpression", () => {
      const tokens = new MetricDefinition("AxonFlow/staging", "TokensUsed", "Count", ["Model"]);

      test("quotes the namespace (it has a /), keeps plain dimension names, matches the metric name exactly", () => {
        expect(searchExpression(tokens, "Sum", 300)).toBe(`SEARCH('{"AxonFlow/staging",Model} MetricName="TokensUsed"', 'Sum', 300)`);
      });

      test("AWS namespaces are quoted too: only letters and digits stay bare", () => {
        const cpu = new MetricDefinition("AWS/EC2", "CPUUtilization", "Percent", ["InstanceId"]);
        expect(searchExpression(cpu, "Average", 60)).toBe(`SEARCH('{"AWS/EC2",InstanceId} MetricName="CPUUtilization"', 'Average', 60)`);
      });

      test("escapes the characters the doc lists for exact matches", () => {
        const odd = new MetricDefinition("NS", 'Traffic(Network)"x\\', "Count", []);
        expect(searchExpression(odd, "Sum", 60)).toBe(`SEARCH('{NS} MetricName="Traffic\\(Network\\)\\"x\\\\"', 'Sum', 60)`);
      });

      test.each<[string, string, number, string]>([
        ["an unknown statistic", "avg", 300, 'statistic "avg" is not a CloudWatch statistic'],
        ["a period below 60", "Sum", 30, "period 30 s is not allowed; allowed: a multiple of 60"],
        ["a period not a multiple of 60", "Sum", 90, "period 90 s is not allowed"],
      ])("rejects %s", (_, stat, period, message) => {
        expect(() => searchExpression(tokens, stat, period)).toThrow(`SEARCH over AxonFlow/staging/TokensUsed: ${message}`);
      });

      test("rejects a query over 1024 characters", () => {
        const long = new MetricDefinition("NS", "M".repeat(1100), "Count", []);
        expect(() => searchExpression(long, "Sum", 60)).toThrow(/query is \d+ characters; allowed: at most 1024/);
      });
    });
  });
});
