import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { StackAlarms } from "./engine/alarm-definitions";
import { readStack } from "./engine/read-stack";
import { replayStackAlarms } from "./engine/replay-alarms";
import { GetMetricDataSource } from "./import/get-metric-data-source";
import { metricDataQueries } from "./import/metric-data-queries";
import { alarmTable, outcomeTable, replayAndRecord, synthesizedEnvironments } from "./replay-stacks";
import { WARM_UP_SECONDS } from "./run-scenario";
import { staleOutputProblem } from "./stale-output";
import { loadScenarios } from "./scenarios/load-scenarios";
import { readStackJson } from "./world/stack-json";
import { parseReplayArgs, REPLAY_COMMAND, type ReplayRequest } from "./replay-args";
import { UsageError } from "../scripts/cli-args";

/**
 * `npm run replay [-- <env>]`: every scenario of replay/scenarios on the synthesized stacks, as a table (exit 1 if
 * one fails); with `--alarms`, which alarms notified and when. `npm run replay -- <env> --queries`: the
 * --metric-data-queries file for `aws cloudwatch get-metric-data`.
 * `npm run replay -- <env> --metrics <export.json>…`: those exports replayed through the stack's alarms.
 * Exit 2 on bad arguments (the message says what is allowed, then the usage line).
 */
function main(args: string[]): number {
  const outdir = resolve(process.env.CDKTF_OUTDIR ?? "cdktf.out");
  let request: ReplayRequest;
  try {
    request = parseReplayArgs(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(e.message);
    return 2;
  }
  const stale = staleOutputProblem(outdir);
  if (stale !== undefined) {
    console.error(stale);
    return 1;
  }
  const all = synthesizedEnvironments(outdir);
  const chosen = request.environment === undefined ? all : all.filter((e) => e.name === request.environment);
  if (request.environment !== undefined && chosen.length === 0) {
    console.error(
      `no stack "${request.environment}" in ${outdir}; synthesized: ${all.map((e) => e.name).join(", ")}\n${REPLAY_COMMAND.usage}`,
    );
    return 2;
  }
  // Read as every replay reads a stack: a missing or broken file names itself and says to synthesize.
  const readAlarms = () => readStack(readStackJson(chosen[0].file).json);
  switch (request.kind) {
    case "alarms":
    case "table": {
      // Either table: HANDOFF.md of each stack says what this replay said of it.
      const { outcomes, errors } = replayAndRecord(chosen, loadScenarios(join(__dirname, "scenarios")));
      console.log(request.kind === "alarms" ? alarmTable(outcomes) : outcomeTable(outcomes));
      for (const error of errors) console.error(error);
      return errors.length === 0 && outcomes.every((o) => o.holds) ? 0 : 1;
    }
    case "queries":
      console.log(JSON.stringify(metricDataQueries(readAlarms()), null, 2));
      return 0;
    case "metrics":
      console.log(replayExports(readAlarms(), [...request.files]));
      return 0;
  }
}

/**
 * When each alarm would have changed state on the exported data, and who would have been told. Evaluation starts
 * WARM_UP_SECONDS into the export: before that an alarm would judge periods the export does not reach.
 */
function replayExports(alarms: StackAlarms, files: string[]): string {
  const source = new GetMetricDataSource(
    metricDataQueries(alarms),
    files.map((name) => ({ name, content: JSON.parse(readFileSync(name, "utf8")) as unknown })),
  );
  const range = source.timeRange();
  const start = range.start + WARM_UP_SECONDS;
  if (start > range.end)
    throw new Error(
      `${files.join(", ")}: the exports cover ${(range.end - range.start) / 60} min; replaying needs more than ${WARM_UP_SECONDS / 60}`,
    );
  const result = replayStackAlarms(alarms, source, { start, end: range.end });
  const iso = (t: number) => new Date(t * 1000).toISOString().replace(":00.000Z", "Z");
  const told = new Map(result.notifications.map((n) => [`${n.alarmName}@${n.time}`, n.topics]));
  const changes = result.timelines
    .flatMap((t) => t.changes.slice(1).map((c, i) => ({ name: t.alarmName, time: c.time, from: t.changes[i].state, to: c.state })))
    .sort((a, b) => a.time - b.time || a.name.localeCompare(b.name));
  const created = changes.filter((c) => c.time === start && c.from === "INSUFFICIENT_DATA");
  const lines = [
    `Replayed ${iso(start)} to ${iso(range.end)} (the export's first ${WARM_UP_SECONDS / 60} min are history only).`,
    `At ${iso(start)}: ${["OK", "ALARM", "INSUFFICIENT_DATA"].map((s) => `${created.filter((c) => c.to === s).length} ${s}`).join(", ")}.`,
  ];
  for (const c of changes.filter((c) => !created.includes(c) || c.to === "ALARM")) {
    const topics = told.get(`${c.name}@${c.time}`) ?? [];
    lines.push(
      `${iso(c.time)}  ${c.name.padEnd(52)} ${`${c.from} → ${c.to}`.padEnd(28)} ` +
        (topics.length > 0 ? `notifies ${topics.join(", ")}` : "notifies nobody itself"),
    );
  }
  const fired = result.timelines.filter((t) => t.changes.some((c) => c.state === "ALARM")).map((t) => t.alarmName);
  lines.push("", `${fired.length} of ${result.timelines.length} alarms would have been in ALARM: ${fired.join(", ") || "none"}.`);
  return lines.join("\n");
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  console.error((e as Error).message);
  process.exitCode = 1;
}
