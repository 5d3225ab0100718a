import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expectationText, kindOf, replayScenario, type ScenarioOutcome, type StackUnderReplay } from "./run-scenario";
import type { Scenario } from "./scenarios/scenario";
import { expectationFor, runsOn } from "./scenarios/scenario";
import { scenarioNotApplicable } from "./world/simulate";
import { metricFiltersFromStack } from "./world/metric-filter-definitions";
import { readStack } from "./engine/read-stack";
import { readStackJson } from "./world/stack-json";
import { topologyFromStack } from "./world/topology";
import { markdownTable } from "../lib/handoff/markdown";

/** A synthesized stack as the replay reads it: only cdktf.out/stacks/<env>/cdk.tf.json, what deploys. */
export function stackUnderReplay(file: string): StackUnderReplay {
  const stack = readStackJson(file);
  return { stack, alarms: readStack(stack.json), topology: topologyFromStack(stack), filters: metricFiltersFromStack(stack) };
}

/** The synthesized environments of an output folder (its manifest), sorted. */
export function synthesizedEnvironments(outdir: string): { name: string; file: string }[] {
  const manifest = join(outdir, "manifest.json");
  if (!existsSync(manifest)) throw new Error(`${manifest}: missing; run npm run synth first`);
  const stacks = (JSON.parse(readFileSync(manifest, "utf8")) as { stacks: Record<string, { synthesizedStackPath: string }> }).stacks;
  return Object.entries(stacks)
    .map(([name, s]) => ({ name, file: join(outdir, s.synthesizedStackPath) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Every scenario of each environment's kind (production-like or staging-like), in file order. */
export function replayEnvironments(
  environments: readonly { name: string; file: string }[],
  scenarios: readonly Scenario[],
): ScenarioOutcome[] {
  const outcomes: ScenarioOutcome[] = [];
  for (const env of environments) {
    const subject = stackUnderReplay(env.file);
    const kind = kindOf(subject.topology);
    for (const scenario of scenarios) {
      if (!runsOn(scenario, kind)) continue;
      const notApplicable = scenarioNotApplicable(scenario, subject.topology);
      if (notApplicable === undefined) outcomes.push(replayScenario(subject, scenario, env.name).outcome);
      else
        outcomes.push({
          scenario: scenario.name,
          environment: env.name,
          kind,
          expectation: expectationFor(scenario, kind),
          firstByAlarm: [],
          holds: true,
          notApplicable,
          problems: [],
        });
    }
  }
  return outcomes;
}

const resultText = (o: ScenarioOutcome, holds: string, fails: string) =>
  o.notApplicable !== undefined ? `n/a: ${o.notApplicable}` : o.holds ? holds : fails;

// A notification before the incident (a surge's CPU ticket) is counted from the incident's start, so negative.
const minutes = (m: number | undefined) => (m === undefined ? "—" : m < 0 ? `${Math.round(-m)} min before` : `${Math.round(m)} min`);

/** The table `npm run replay` prints: what was expected, when the first page and ticket came, whether it held. */
export function outcomeTable(outcomes: readonly ScenarioOutcome[]): string {
  const rows = [
    ["scenario", "environment", "expected", "first page", "first ticket", "result"],
    ...outcomes.map((o) => [
      o.scenario,
      o.kind === o.environment ? o.environment : `${o.environment} (as ${o.kind})`,
      expectationText(o.expectation),
      minutes(o.firstPage),
      minutes(o.firstTicket),
      resultText(o, "holds", "FAILS"),
    ]),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  const failures = outcomes.filter((o) => !o.holds).flatMap((o) => o.problems.map((p) => `  ${o.scenario} on ${o.environment}: ${p}`));
  return [
    line(rows[0]),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.slice(1).map(line),
    ...(failures.length > 0 ? ["", "Failures:", ...failures] : []),
  ].join("\n");
}

/**
 * The table `npm run replay -- --alarms` prints: which alarms notified, and how many minutes after the incident
 * started, per scenario (the first `limit`, earliest first). Docs quote their figures from it.
 */
export function alarmTable(outcomes: readonly ScenarioOutcome[], limit = 6): string {
  const rows = [
    ["scenario", "environment", "first notification of each alarm (min after the incident)"],
    ...outcomes
      .filter((o) => o.notApplicable === undefined)
      .map((o) => {
        const shown = o.firstByAlarm.slice(0, limit).map((f) => `${f.alarm} ${Math.round(f.minutes)}`);
        const more = o.firstByAlarm.length > limit ? [`+${o.firstByAlarm.length - limit} more`] : [];
        return [o.scenario, o.environment, [...shown, ...more].join(", ") || "—"];
      }),
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  return [line(rows[0]), line(widths.map((w) => "-".repeat(w))), ...rows.slice(1).map(line)].join("\n");
}

/**
 * Fills HANDOFF.md's "Incident replays" section beside a stack (synth writes it with a placeholder): what pages,
 * what tickets and how fast, per scenario. The rest of the document is left as synthesized.
 */
export function writeReplaySection(stackFile: string, outcomes: readonly ScenarioOutcome[]): void {
  replaceReplaySection(stackFile, [
    "Each scenario of `replay/scenarios` simulated minute by minute, published as AWS publishes it and evaluated through",
    "this stack's alarms under CloudWatch's rules (`npm run replay`). Minutes count from the incident's start.",
    "",
    ...markdownTable(
      ["Scenario", "Expected", "First page", "First ticket", "Result"],
      outcomes.map((o) => [
        `\`${o.scenario}\``,
        expectationText(o.expectation),
        minutes(o.firstPage),
        minutes(o.firstTicket),
        resultText(o, "holds", `**fails**: ${o.problems.join("; ")}`),
      ]),
    ),
  ]);
}

/** The section when the replay of this stack stopped with an error: no table would pass for a result. */
export function writeReplayError(stackFile: string, message: string): void {
  replaceReplaySection(stackFile, [
    "**The last `npm run replay` failed before it could judge this stack:**",
    "",
    "```text",
    message,
    "```",
  ]);
}

function replaceReplaySection(stackFile: string, body: readonly string[]): void {
  const file = join(dirname(stackFile), "HANDOFF.md");
  if (!existsSync(file)) return;
  const text = readFileSync(file, "utf8");
  const start = text.indexOf("## Incident replays\n");
  if (start < 0) return;
  const next = text.indexOf("\n## ", start + 1);
  const section = ["## Incident replays", "", ...body].join("\n");
  writeFileSync(file, `${text.slice(0, start)}${section}\n${next < 0 ? "" : text.slice(next)}`);
}

/**
 * Every scenario on each environment, each environment's HANDOFF.md filled with its result or, where its replay
 * threw (a broken stack file, a scenario the world cannot simulate), with the error; the other environments still
 * replay. `errors` holds one line per environment that threw.
 */
export function replayAndRecord(
  environments: readonly { name: string; file: string }[],
  scenarios: readonly Scenario[],
): { outcomes: ScenarioOutcome[]; errors: string[] } {
  const outcomes: ScenarioOutcome[] = [];
  const errors: string[] = [];
  for (const env of environments) {
    try {
      const own = replayEnvironments([env], scenarios);
      writeReplaySection(env.file, own);
      outcomes.push(...own);
    } catch (e) {
      const message = (e as Error).message;
      writeReplayError(env.file, message);
      errors.push(`${env.name}: ${message}`);
    }
  }
  return { outcomes, errors };
}
