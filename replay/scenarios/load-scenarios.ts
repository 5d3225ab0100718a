import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parseDocument } from "yaml";
import { SERVICE_KINDS, type Effect, type Expectation, type Route, type Scenario, type ScenarioChange } from "./scenario";
import {
  ENVIRONMENT_EFFECTS,
  minutesOf,
  scenarioFileSchema,
  SERVICE_EFFECTS,
  type ChangeInput,
  type ScenarioFile,
} from "./scenario-schema";

/** Every `*.yaml` in `dir`, sorted by name; throws once, listing every problem of every file as `<file>: <field>: <rule>`. */
export function loadScenarios(dir: string): Scenario[] {
  const names = readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort();
  if (names.length === 0) throw new Error(`${dir}: no scenario files (*.yaml)`);
  const problems: string[] = [];
  const scenarios: Scenario[] = [];
  for (const name of names) {
    const file = join(dir, name);
    const result = scenarioFromText(file, readFileSync(file, "utf8"));
    if (result.ok) scenarios.push(result.scenario);
    else problems.push(...result.problems);
  }
  if (problems.length > 0) throw new Error(`Invalid scenarios:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  return scenarios;
}

export type LoadedScenario = { ok: true; scenario: Scenario } | { ok: false; problems: string[] };

/** Parses and checks one file's text; `file` names it in messages and gives the expected `name` (its stem). */
export function scenarioFromText(file: string, text: string): LoadedScenario {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  const yamlProblems = [...doc.errors, ...doc.warnings];
  if (yamlProblems.length > 0)
    return { ok: false, problems: yamlProblems.map((e) => `${file}: invalid YAML: ${e.message.split("\n")[0]}`) };
  const parsed = scenarioFileSchema.safeParse(doc.toJS({ maxAliasCount: 50 }), { reportInput: true });
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map(
        (i) => `${file}: ${i.path.map(String).join(".") || "(top level)"}: ${i.message}${received(i.input)}`,
      ),
    };
  }
  const problems: string[] = [];
  const scenario = toScenario(file, parsed.data, (field, message) => problems.push(`${file}: ${field}: ${message}`));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, scenario };
}

type Report = (field: string, message: string) => void;

function received(input: unknown): string {
  if (input === undefined || (typeof input === "object" && input !== null)) return "";
  return `; received ${JSON.stringify(input)}`;
}

function toScenario(file: string, f: ScenarioFile, report: Report): Scenario {
  const stem = basename(file).replace(/\.yaml$/, "");
  if (f.name !== stem) report("name", `${f.name} differs from the file's name ${stem}`);
  const durationMinutes = minutesOf(f.duration);
  if (durationMinutes < 60 || durationMinutes > 48 * 60) report("duration", `${f.duration}: allowed 1h to 48h`);
  if (Array.isArray(f.environments)) {
    const listed = new Set(f.environments);
    if (listed.size !== f.environments.length) report("environments", "lists an environment twice");
    for (const env of listed) if (!(env in f.expect)) report(`expect.${env}`, `missing; the scenario runs on ${env}`);
    for (const env of Object.keys(f.expect)) if (!listed.has(env)) report(`expect.${env}`, `${env} is not in environments`);
  } else if (Object.keys(f.expect).length === 0) {
    report("expect", "needs one entry per environment the scenario runs on");
  }
  const background = (f.background ?? [])
    .map((c, i) => toChange(c, `background.${i}`, durationMinutes, report))
    .filter((c): c is ScenarioChange => c !== undefined);
  let incident: Scenario["incident"];
  if (f.incident) {
    const atMinute = minutesOf(f.incident.at);
    if (atMinute >= durationMinutes) report("incident.at", `${f.incident.at} is not before the run ends (${f.duration})`);
    const changes = f.incident.changes.map((c, i) => toChange(c, `incident.changes.${i}`, durationMinutes - atMinute, report));
    incident = { atMinute, changes: changes.filter((c): c is ScenarioChange => c !== undefined) };
  }
  const expectations: Record<string, Expectation> = {};
  for (const [env, e] of Object.entries(f.expect)) {
    expectations[env] = toExpectation(e);
    if (expectations[env].kind === "notified" && !incident)
      report(`expect.${env}`, "expects a notification, but the scenario has no incident to count from");
  }
  return {
    file,
    name: f.name,
    description: f.description.trim(),
    environments: f.environments,
    // The schema has checked HH:MM.
    startMinuteOfDay: Number(f.start.slice(0, 2)) * 60 + Number(f.start.slice(3)),
    durationMinutes,
    traffic: f.traffic,
    seed: f.seed,
    background,
    ...(incident ? { incident } : {}),
    expectations,
  };
}

function toChange(c: ChangeInput, field: string, minutesLeft: number, report: Report): ScenarioChange | undefined {
  const present = [...SERVICE_EFFECTS, ...ENVIRONMENT_EFFECTS].filter((k) => c[k] !== undefined);
  if (present.length !== 1) {
    report(
      field,
      `needs exactly one effect (${[...SERVICE_EFFECTS, ...ENVIRONMENT_EFFECTS].join(", ")}); has ${present.length === 0 ? "none" : present.join(", ")}`,
    );
    return undefined;
  }
  const kind = present[0];
  const perService = (SERVICE_EFFECTS as readonly string[]).includes(kind);
  if (c.service !== undefined && c.services !== undefined)
    report(`${field}.services`, "name one service (service) or a kind of service (services), not both");
  if (perService && c.service === undefined && c.services === undefined) {
    report(
      `${field}.service`,
      `${kind} happens to services; name one (service: <name>) or a kind (services: ${SERVICE_KINDS.join(" | ")})`,
    );
  }
  if (!perService && (c.service !== undefined || c.services !== undefined))
    report(`${field}.service`, `${kind} affects the whole environment; remove service`);
  const fromMinute = minutesOf(c.from);
  const untilMinute = c.for === undefined ? undefined : fromMinute + minutesOf(c.for);
  if (fromMinute >= minutesLeft) report(`${field}.from`, `${c.from} is after the run ends`);
  if (c.for !== undefined && minutesOf(c.for) === 0) report(`${field}.for`, "0m: the change would never be in effect");
  if (c.crashLoop && c.crashLoop.runMinutes[0] > c.crashLoop.runMinutes[1])
    report(`${field}.crashLoop.runMinutes`, "[low, high] with low <= high");
  const effect = toEffect(c, kind);
  return {
    ...(c.service === undefined ? {} : { service: c.service }),
    ...(c.services === undefined ? {} : { services: c.services }),
    fromMinute,
    ...(untilMinute === undefined ? {} : { untilMinute }),
    effect,
  };
}

function toEffect(c: ChangeInput, kind: string): Effect {
  if (c.crashLoop) return { kind: "crashLoop", runMinutes: [c.crashLoop.runMinutes[0], c.crashLoop.runMinutes[1]] };
  if (c.upstreamErrors) return { kind: "upstreamErrors", share: c.upstreamErrors.share };
  if (c.upstreamSlowdown) return { kind: "upstreamSlowdown", factor: c.upstreamSlowdown.factor };
  if (c.slowResponses) return { kind: "slowResponses", factor: c.slowResponses.factor };
  if (c.internalErrors) return { kind: "internalErrors", share: c.internalErrors.share };
  if (c.strayErrors) return { kind: "strayErrors", perHour: c.strayErrors.perHour };
  if (c.rollingDeploy) return { kind: "rollingDeploy", minutesPerTask: c.rollingDeploy.minutesPerTask };
  if (c.tasksLost) return { kind: "tasksLost", count: c.tasksLost.count };
  if (c.memoryLeak) return { kind: "memoryLeak", percentPerHour: c.memoryLeak.percentPerHour };
  if (c.policyBlocks) return { kind: "policyBlocks", share: c.policyBlocks.share };
  if (c.llmProviderDown) return { kind: "llmProviderDown", provider: c.llmProviderDown.provider };
  if (c.snsDeliveryFailures) return { kind: "snsDeliveryFailures", topic: c.snsDeliveryFailures.topic };
  if (kind === "allTasksDown" || kind === "logShippingBroken" || kind === "trafficCut" || kind === "failedDeploy") return { kind };
  throw new Error(`unhandled effect ${kind}`);
}

function toExpectation(e: "quiet" | { page?: string; ticket?: string; notification?: string; eachChange?: string }): Expectation {
  if (e === "quiet") return { kind: "quiet" };
  const within: { route: Route | "any"; minutes: number }[] = [];
  const never: Route[] = [];
  for (const route of ["page", "ticket"] as const) {
    const r = e[route];
    if (r === "never") never.push(route);
    else if (r !== undefined) within.push({ route, minutes: minutesOf(r.slice("within ".length)) });
  }
  if (e.notification !== undefined) within.push({ route: "any", minutes: minutesOf(e.notification.slice("within ".length)) });
  return {
    kind: "notified",
    within,
    never,
    ...(e.eachChange !== undefined && { eachChangeMinutes: minutesOf(e.eachChange.slice("within ".length)) }),
  };
}
