import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { metricDataQueries } from "../replay/import/metric-data-queries";
import { replayScenario } from "../replay/run-scenario";
import { stackUnderReplay } from "../replay/replay-stacks";
import { loadScenarios } from "../replay/scenarios/load-scenarios";

/**
 * Writes what `aws cloudwatch get-metric-data` would write for a scenario's day: the --metric-data-queries of a
 * stack's alarms answered from the replay world, newest first, as the CLI returns them. It made the checked-in
 * export the replay command is tested on; it also shows the format a team feeds `npm run replay -- <env> --metrics`.
 *   node --require tsx/cjs scripts/make-metric-export.ts <cdk.tf.json> <scenario> <from minute> <to minute> <out.json>
 */
const [stackFile, scenarioName, from, to, out] = process.argv.slice(2);
if (!out) {
  console.error("usage: node --require tsx/cjs scripts/make-metric-export.ts <cdk.tf.json> <scenario> <from minute> <to minute> <out.json>");
  process.exit(2);
}
const subject = stackUnderReplay(resolve(stackFile));
const scenario = loadScenarios(join(__dirname, "..", "replay", "scenarios")).find((s) => s.name === scenarioName);
if (!scenario) throw new Error(`no scenario ${scenarioName}`);
const { store, run } = replayScenario(subject, scenario, "export");
const start = run.startTime + Number(from) * 60;
const end = run.startTime + Number(to) * 60;
const results = metricDataQueries(subject.alarms).map((q) => {
  const metric = { namespace: q.MetricStat.Metric.Namespace, metricName: q.MetricStat.Metric.MetricName, dimensions: Object.fromEntries(q.MetricStat.Metric.Dimensions.map((d) => [d.Name, d.Value])) };
  const period = q.MetricStat.Period;
  const points: [number, number][] = [];
  for (let t = Math.ceil(start / period) * period; t + period <= end; t += period) {
    const v = store.periodValue(metric, q.MetricStat.Stat, period, t);
    if (v !== undefined) points.push([t, Number(v.value.toPrecision(6))]);
  }
  points.reverse(); // TimestampDescending, the CLI's default order
  return { Id: q.Id, Label: q.MetricStat.Metric.MetricName, Timestamps: points.map(([t]) => new Date(t * 1000).toISOString().replace(".000Z", "Z")), Values: points.map(([, v]) => v), StatusCode: "Complete" };
});
writeFileSync(out, `${JSON.stringify({ MetricDataResults: results, Messages: [] }, null, 1)}\n`);
console.log(`${out}: ${results.length} series, ${results.reduce((n, r) => n + r.Values.length, 0)} values`);
