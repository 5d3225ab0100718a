import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { App, Testing } from "cdktf";
import { parse } from "yaml";
import { HANDOFF_FILE } from "../../lib/handoff/handoff-document";
import { EnvironmentStack } from "../../lib/stack";
import { LOG_FORMATS, type LogFormat } from "../../lib/config/log-formats";
import { recordFields } from "../../preview/logs/log-lines";
import { parseQuery } from "../../preview/logs/query-commands";
import { runQuery, type LogRecord } from "../../preview/logs/query-run";
import { compileFilterPattern } from "../../replay/world/filter-pattern";
import { lineKindsFor } from "../../replay/world/log-line-kinds";
import { configFrom } from "../support/environments";
import { resourcesOf, synthesized, type TerraformJson } from "../support/synth";

/**
 * Every log format against lines written the way AxonFlow writes them (fixtures/log-lines): the synthesized metric
 * filters, read from cdk.tf.json and run by the replay's filter-pattern evaluator, and the synthesized saved
 * queries, run by the preview's Logs Insights evaluator, find what they must and nothing else.
 */
interface FixtureLines {
  readonly errors: string[];
  readonly blocks: string[];
  readonly requests: string[];
  readonly other: string[];
  readonly durations?: number[];
  /** Known false counts of the term patterns, pinned so a change shows (docs/log-formats.md). */
  readonly countedAsErrors?: string[];
  readonly countedAsBlocks?: string[];
}
const linesOf = (format: LogFormat): FixtureLines =>
  parse(readFileSync(join(__dirname, "..", "fixtures", "log-lines", `${format}.yaml`), "utf8"));
const SERVICES = ["agent", "orchestrator"] as const;

/** The query titles each format answers; the rest are left out for its services and listed in HANDOFF. */
const ANSWERED: Record<LogFormat, string[]> = {
  text: ["Error Analysis", "Error Rate Over Time", "Policy Blocks by Type", "Request Volume"],
  "axonflow-json": [
    "Error Analysis",
    "Error Rate Over Time",
    "Latency Distribution",
    "Policy Blocks by Type",
    "Request Volume",
    "Slow Requests (Above P95 Threshold)",
  ],
  "guide-json": [
    "Error Analysis",
    "Error Rate Over Time",
    "Latency Distribution",
    "Latency Percentiles by Model",
    "Policy Blocks by Type",
    "Policy Violations by Type and Severity",
    "Request Volume",
    "Slow Requests (Above P95 Threshold)",
    "Token Usage by Organization",
  ],
};

describe.each(LOG_FORMATS.map((f) => [f] as const))("log format %s", (format) => {
  const lines = linesOf(format);
  const all = [...lines.errors, ...lines.blocks, ...lines.requests, ...lines.other];
  const config = configFrom({ services: Object.fromEntries(SERVICES.map((s) => [s, { logFormat: format }])) });
  const { tf } = synthesized(config);
  const filters = Object.values(resourcesOf(tf, "aws_cloudwatch_log_metric_filter"));
  const event = (message: string) => ({ message, json: format === "guide-json" ? JSON.parse(message) : undefined });
  const matching = (pattern: string) => all.filter((line) => compileFilterPattern(pattern).matches(event(line)));
  const patternOf = (name: string) => {
    const f = filters.find((x) => x.name === name);
    if (!f) throw new Error(`no metric filter ${name}`);
    return f.pattern as string;
  };

  test("the fixture has lines of every kind", () => {
    for (const kind of ["errors", "blocks", "requests"] as const) expect(lines[kind].length).toBeGreaterThan(0);
  });

  test.each(SERVICES.map((s) => [s] as const))("%s: the error-count filter counts exactly the error lines", (service) => {
    expect(matching(patternOf(`axonflow-test-error-count-${service}`))).toEqual(lines.errors);
  });

  test.each(SERVICES.map((s) => [s] as const))("%s: the policy-blocks filter counts exactly the block lines", (service) => {
    expect(matching(patternOf(`axonflow-test-policy-blocks-${service}`))).toEqual(lines.blocks);
  });

  if (lines.countedAsErrors !== undefined || lines.countedAsBlocks !== undefined) {
    test("the known false counts are still counted (docs/log-formats.md lists them)", () => {
      const counts = (name: string, line: string) => compileFilterPattern(patternOf(name)).matches(event(line));
      for (const line of lines.countedAsErrors ?? []) expect([line, counts("axonflow-test-error-count-agent", line)]).toEqual([line, true]);
      for (const line of lines.countedAsBlocks ?? [])
        expect([line, counts("axonflow-test-policy-blocks-agent", line)]).toEqual([line, true]);
    });
  }

  test("a tokens-used filter only where lines carry model and tokens", () => {
    const tokenFilters = filters.filter((f) => String(f.name).includes("tokens-used"));
    expect(tokenFilters).toHaveLength(format === "guide-json" ? SERVICES.length : 0);
    for (const f of tokenFilters) expect(matching(f.pattern as string)).toEqual(lines.requests);
  });

  test("the replay world's lines of this format say what their kind is", () => {
    const errorKinds = ["provider-error", "orchestrator-unavailable", "internal-error", "crash"];
    for (const kind of lineKindsFor("agent", "entry", format)) {
      const e = { message: kind.message, json: kind.json };
      expect([kind.name, compileFilterPattern(patternOf("axonflow-test-error-count-agent")).matches(e)]).toEqual([
        kind.name,
        errorKinds.includes(kind.name),
      ]);
      expect([kind.name, compileFilterPattern(patternOf("axonflow-test-policy-blocks-agent")).matches(e)]).toEqual([
        kind.name,
        kind.name === "policy-block",
      ]);
    }
  });

  describe("saved queries", () => {
    const queries = Object.values(resourcesOf(tf, "aws_cloudwatch_query_definition"));
    const prefix = "AxonFlow/test/";
    const records: LogRecord[] = all.map((line, i) => ({
      weight: 1,
      fields: { ...recordFields(event(line), "/axonflow/test/agent"), "@timestamp": Date.UTC(2026, 2, 10, 14, 5, i) },
    }));
    /** `without`: a stats term dropped first, where the preview does not evaluate it (arithmetic over aggregates). */
    const run = (title: string, without = "") => {
      const q = queries.find((x) => x.name === prefix + title);
      if (!q) throw new Error(`no saved query ${title}`);
      return runQuery(parseQuery((q.query_string as string).replace(without, "")).parse(), records);
    };
    const total = (title: string, column: string, without = "") =>
      run(title, without).rows.reduce((n, r) => n + Number(r.fields[column] ?? 0), 0);

    test("exactly the queries this format can answer, each over every service's group", () => {
      expect(queries.map((q) => String(q.name).slice(prefix.length)).sort()).toEqual(ANSWERED[format]);
      for (const q of queries) expect(q.log_group_names).toEqual(SERVICES.map((s) => `/axonflow/test/${s}`));
    });

    test("Error Analysis lists exactly the error lines", () => {
      expect(
        run("Error Analysis")
          .rows.map((r) => r.fields["@message"])
          .sort(),
      ).toEqual([...lines.errors].sort());
    });

    test("Policy Blocks by Type counts every block line once", () => {
      expect(total("Policy Blocks by Type", "block_count")).toBe(lines.blocks.length);
    });

    test("Request Volume counts the request lines (the guide writes one line per request: all of them)", () => {
      expect(total("Request Volume", "request_count")).toBe(format === "guide-json" ? all.length : lines.requests.length);
    });

    if (format !== "guide-json") {
      // The guide's error-rate query computes `strcontains()` in `fields`, which the preview does not evaluate.
      test("Error Rate Over Time: error lines among all lines", () => {
        const share = ", errors * 100 / total as error_rate_pct";
        expect([total("Error Rate Over Time", "errors", share), total("Error Rate Over Time", "total", share)]).toEqual([
          lines.errors.length,
          all.length,
        ]);
      });
    }

    if (lines.durations !== undefined) {
      const durations = lines.durations;
      test("Latency Distribution: the mean and maximum of the logged durations", () => {
        const rows = run("Latency Distribution").rows;
        expect(rows).toHaveLength(1);
        expect(rows[0]!.fields.avg_latency).toBeCloseTo(durations.reduce((a, b) => a + b, 0) / durations.length);
        expect(rows[0]!.fields.p99).toBe(Math.max(...durations));
      });

      test("Slow Requests: the lines above the 5 s latency threshold", () => {
        expect(run("Slow Requests (Above P95 Threshold)").rows).toHaveLength(durations.filter((d) => d > 5000).length);
      });
    }
  });
});

test("a mixed environment names each query by format and lists the ones a format cannot answer in HANDOFF", () => {
  const config = configFrom({ services: { agent: { logFormat: "text" }, orchestrator: { logFormat: "guide-json" } } });
  const stack = new EnvironmentStack(new App({ stackTraces: false }), config);
  const outdir = Testing.fullSynth(stack);
  const dir = join(outdir, "stacks", stack.node.id);
  const tf = JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) as TerraformJson;
  const handoff = readFileSync(join(dir, HANDOFF_FILE), "utf8");
  rmSync(outdir, { recursive: true, force: true });
  const names = Object.values(resourcesOf(tf, "aws_cloudwatch_query_definition")).map((q) => q.name);
  expect(names).toContain("AxonFlow/test/Error Analysis (text)");
  expect(names).toContain("AxonFlow/test/Error Analysis (guide-json)");
  expect(names).not.toContain("AxonFlow/test/Token Usage by Organization (text)");
  expect(handoff).toContain(
    "| Token Usage by Organization | `agent` | `text` | AxonFlow's own lines (text and its shared logger) carry no token counts |",
  );
});
