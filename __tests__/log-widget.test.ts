import { type LogWidgetProps, LogWidget } from "../lib/dashboard/widgets/log-widget";

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
        query: `SOURCE '/axonflow/test/agent' | SOURCE '/axonflow/test/orchestrator' | fields @timestamp, @message\n| filter level = "error"\n| sort @timestamp desc`,
        view: "table",
      },
    });
  });

  test("one command per \\n| line: continuation lines of a multi-line stats are joined", () => {
    const w = build({ logGroupNames: ["/a"], query: "filter x > 0\n| stats avg(x) as a,\n    max(x) as b\n  by model\n| sort a desc", view: "bar" });
    expect(w.toJson(0, 0).properties).toMatchObject({ query: "SOURCE '/a' | filter x > 0\n| stats avg(x) as a, max(x) as b by model\n| sort a desc", view: "bar" });
  });

  test.each<[string, Partial<LogWidgetProps>, string]>([
    ["no log group", { logGroupNames: [] }, "list at least one log group to query"],
    ["a log group name with a space", { logGroupNames: ["/axonflow/my group"] }, 'log group "/axonflow/my group" is not a log group name'],
    ["a log group listed twice", { logGroupNames: ["/a", "/a"] }, "a log group is listed twice"],
    ["an empty query", { query: " \n " }, "the query is empty"],
    ["SOURCE written into the query", { query: "SOURCE '/other' | fields @message" }, "give the log groups in logGroupNames, not as SOURCE in the query"],
    ["a query over 10,000 characters", { query: `fields ${"x".repeat(10_000)}` }, "the query is 10078 characters; allowed: at most 10000"],
    ["a width past the grid", { width: 30 }, "width must be a whole number 1..24, received 30"],
  ])("rejects %s", (_, patch, message) => {
    expect(() => build(patch)).toThrow(`LogWidget "Errors": ${message}`);
  });
});
