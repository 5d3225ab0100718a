import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { replayAlarms } from "./engine/replay-alarms";
import { GetMetricDataSource } from "./import/get-metric-data-source";
import { metricDataQueries } from "./import/metric-data-queries";
import { outcomeTable, replayEnvironments, synthesizedEnvironments } from "./replay-stacks";
import { loadScenarios } from "./scenarios/load-scenarios";

/**
 * `npm run replay [-- <env>]`: every scenario of replay/scenarios on the synthesized stacks, as a table (exit 1 if
 * one fails). `npm run replay -- <env> --queries`: the --metric-data-queries file for `aws cloudwatch get-metric-data`.
 * `npm run replay -- <env> --metrics <export.json>…`: those exports replayed through the stack's alarms.
 */
const USAGE = "usage: npm run replay [-- <env>] | npm run replay -- <env> --queries | npm run replay -- <env> --metrics <get-metric-data export.json>…";

function main(args: string[]): number {
  const outdir = resolve(process.env.CDKTF_OUTDIR ?? "cdktf.out");
  const all = synthesizedEnvironments(outdir);
  const [envName, flag, ...files] = args;
  const chosen = envName === undefined ? all : all.filter((e) => e.name === envName);
  if (envName !== undefined && chosen.length === 0) {
    console.error(`${USAGE}\nno stack "${envName}" in ${outdir}; synthesized: ${all.map((e) => e.name).join(", ")}`);
    return 2;
  }
  if (flag === undefined) {
    const outcomes = replayEnvironments(chosen, loadScenarios(join(__dirname, "scenarios")));
    console.log(outcomeTable(outcomes));
    return outcomes.every((o) => o.holds) ? 0 : 1;
  }
  const stack = JSON.parse(readFileSync(chosen[0].file, "utf8")) as unknown;
  if (flag === "--queries" && files.length === 0) {
    console.log(JSON.stringify(metricDataQueries(stack), null, 2));
    return 0;
  }
  if (flag === "--metrics" && files.length > 0) {
    console.log(replayExports(stack, files));
    return 0;
  }
  console.error(USAGE);
  return 2;
}

/** When each alarm would have fired on the exported data: every ALARM and OK change, and who would have heard. */
function replayExports(stack: unknown, files: string[]): string {
  const source = new GetMetricDataSource(
    metricDataQueries(stack),
    files.map((name) => ({ name, content: JSON.parse(readFileSync(name, "utf8")) as unknown })),
  );
  const { start, end } = source.timeRange();
  const result = replayAlarms(stack, source, { start, end });
  const lines = [`Replayed ${new Date(start * 1000).toISOString()} to ${new Date(end * 1000).toISOString()}:`];
  for (const n of result.notifications) {
    if (n.previousState === "INSUFFICIENT_DATA" && n.state === "OK") continue; // creation
    lines.push(`${new Date(n.time * 1000).toISOString()}  ${n.alarmName.padEnd(48)} ${n.previousState} → ${n.state}  ${n.topics.length > 0 ? `notifies ${n.topics.join(", ")}` : "(no actions)"}`);
  }
  const fired = result.timelines.filter((t) => t.changes.some((c) => c.state === "ALARM")).length;
  lines.push("", `${fired} of ${result.timelines.length} alarms would have been in ALARM at some point.`);
  return lines.join("\n");
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  console.error((e as Error).message);
  process.exitCode = 1;
}
