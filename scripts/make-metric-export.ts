import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { metricDataQueries } from "../replay/import/metric-data-queries";
import { replayScenario } from "../replay/run-scenario";
import { stackUnderReplay } from "../replay/replay-stacks";
import { loadScenarios } from "../replay/scenarios/load-scenarios";
import { UsageError, usageError } from "./cli-args";
import { METRIC_EXPORT_COMMAND, type MetricExportArgs, parseMetricExportArgs } from "./make-metric-export-args";

/**
 * Writes what `aws cloudwatch get-metric-data` would write for a scenario's day: the --metric-data-queries of a
 * stack's alarms answered from the replay world, newest first, as the CLI returns them. It made the checked-in
 * export the replay command is tested on; it also shows the format a team feeds `npm run replay -- <env> --metrics`.
 *   node --require tsx/cjs scripts/make-metric-export.ts <cdk.tf.json> <scenario> <from minute> <to minute> <out.json>
 */
const { stackFile, scenario: scenarioName, fromMinute, toMinute, out } = metricExportArgs(process.argv.slice(2));
const subject = stackUnderReplay(resolve(stackFile));
const scenarios = loadScenarios(join(__dirname, "..", "replay", "scenarios"));
const scenario =
  scenarios.find((s) => s.name === scenarioName) ??
  usageExit(
    usageError(
      METRIC_EXPORT_COMMAND,
      `<scenario> ${scenarioName}: no such scenario; scenarios: ${scenarios.map((s) => s.name).join(", ")}`,
    ),
  );
const { store, run } = replayScenario(subject, scenario, "export");
const start = run.startTime + fromMinute * 60;
const end = run.startTime + toMinute * 60;
const results = metricDataQueries(subject.alarms).map((q) => {
  const metric = {
    namespace: q.MetricStat.Metric.Namespace,
    metricName: q.MetricStat.Metric.MetricName,
    dimensions: Object.fromEntries(q.MetricStat.Metric.Dimensions.map((d) => [d.Name, d.Value])),
  };
  const period = q.MetricStat.Period;
  const points: [number, number][] = [];
  for (let t = Math.ceil(start / period) * period; t + period <= end; t += period) {
    const v = store.periodValue(metric, q.MetricStat.Stat, period, t);
    if (v !== undefined) points.push([t, Number(v.value.toPrecision(6))]);
  }
  points.reverse(); // TimestampDescending, the CLI's default order
  return {
    Id: q.Id,
    Label: q.MetricStat.Metric.MetricName,
    Timestamps: points.map(([t]) => new Date(t * 1000).toISOString().replace(".000Z", "Z")),
    Values: points.map(([, v]) => v),
    StatusCode: "Complete",
  };
});
writeFileSync(out, `${JSON.stringify({ MetricDataResults: results, Messages: [] }, null, 1)}\n`);
console.log(`${out}: ${results.length} series, ${results.reduce((n, r) => n + r.Values.length, 0)} values`);

/** The command line, or exit 2 with what is wrong and the usage line. */
function metricExportArgs(args: string[]): MetricExportArgs {
  try {
    return parseMetricExportArgs(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return usageExit(e);
  }
}

function usageExit(e: UsageError): never {
  console.error(e.message);
  process.exit(2);
}
