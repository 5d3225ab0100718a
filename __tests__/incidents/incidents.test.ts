import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import fc from "fast-check";
import {
  alarmTable,
  outcomeTable,
  replayEnvironments,
  stackUnderReplay,
  synthesizedEnvironments,
  writeReplaySection,
} from "../../replay/replay-stacks";
import { expectationText, replayScenario, type ScenarioOutcome, type StackUnderReplay } from "../../replay/run-scenario";
import { loadScenarios, scenarioFromText } from "../../replay/scenarios/load-scenarios";
import { loadAllEnvironments, loadFromText } from "../../lib/config/load";
import { scenarioNotApplicable } from "../../replay/world/simulate";
import { fixtureEnvironments } from "../support/environments";
import { synthesizeInto } from "../support/synth";
import { FUZZ_RUNS } from "../support/fuzz-runs";

// The fixture environments synthesized into a cdktf.out as the app does, once for every replay of this file, and
// read back from cdk.tf.json (what deploys).
const work = mkdtempSync(join(tmpdir(), "axonflow-incidents-"));
const outdir = join(work, "cdktf.out");
const SCENARIOS = loadScenarios(join(__dirname, "..", "..", "replay", "scenarios"));
beforeAll(() => synthesizeInto(outdir, fixtureEnvironments()));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("every written scenario", () => {
  /**
   * The alarm catalog against every scenario of replay/scenarios, as `npm run replay` runs them: the world's day
   * published as AWS would, the alarms evaluated under CloudWatch's rules, the notifications judged against what
   * on-call needs. A scenario that fails changes the catalog or the world's fidelity, never its expectation.
   */
  let outcomes: ScenarioOutcome[] = [];
  beforeAll(() => {
    outcomes = replayEnvironments(synthesizedEnvironments(outdir), SCENARIOS);
  }, 60_000);

  test("every scenario runs on the environments of its kind: both fixture environments are replayed", () => {
    expect(new Set(outcomes.map((o) => o.environment))).toEqual(new Set(["production", "staging"]));
    expect(outcomes.length).toBeGreaterThanOrEqual(14);
  });

  test("README.md's replay table is what the replay says of the fixture copies of the shipped environments", () => {
    const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
    const table = /```text\n(scenario [\s\S]*?)```/.exec(readme)?.[1];
    expect(table).toBe(`${outcomeTable(outcomes)}\n`);
  });

  test("every replay figure in the docs is what the replay says (`<scenario>`: `<alarm>` at N min, production)", () => {
    const root = join(__dirname, "..", "..");
    const docs = [
      join(root, "README.md"),
      ...["docs", join("docs", "runbooks")].flatMap((d) =>
        readdirSync(join(root, d))
          .filter((f) => f.endsWith(".md"))
          .map((f) => join(root, d, f)),
      ),
    ];
    const names = new Set(SCENARIOS.map((sc) => sc.name));
    const claimed: { file: string; scenario: string; alarm: string; minutes: number }[] = [];
    const loose: string[] = [];
    for (const file of docs) {
      // Prose wraps: one line per paragraph, code blocks (the tables, quoted whole elsewhere) left out.
      const prose = readFileSync(file, "utf8")
        .replace(/```[\s\S]*?```/g, "")
        .replace(/\s+/g, " ");
      const CLAIM = /`([a-z0-9-]+)`: ((?:`[a-z0-9-]+` at \d+ min(?:, )?)+)/g;
      for (const m of prose.matchAll(CLAIM)) {
        if (!names.has(m[1])) continue;
        for (const c of m[2].matchAll(/`([a-z0-9-]+)` at (\d+) min/g))
          claimed.push({ file: relative(root, file), scenario: m[1], alarm: c[1], minutes: Number(c[2]) });
      }
      // A figure beside a scenario's name that is not in that form cannot be checked: not allowed.
      for (const sentence of prose.replace(CLAIM, "").split(/(?<=[.;])\s/)) {
        const scenario = [...sentence.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]).find((n) => names.has(n));
        if (scenario !== undefined && /\b(at|after) \d+ ?min/.test(sentence)) loose.push(`${relative(root, file)}: ${sentence.trim()}`);
      }
    }
    expect(loose).toEqual([]);
    expect(claimed.length).toBeGreaterThan(5);
    const replayed = (c: (typeof claimed)[number]) =>
      outcomes.find((o) => o.scenario === c.scenario && o.environment === "production")?.firstByAlarm.find((f) => f.alarm === c.alarm)
        ?.minutes;
    expect(claimed.map((c) => ({ ...c, minutes: replayed(c) === undefined ? undefined : Math.round(replayed(c)!) }))).toEqual(claimed);
  });

  test("docs/alarms.md's replay evidence table is what `npm run replay -- --alarms` says of the fixture copies", () => {
    const doc = readFileSync(join(__dirname, "..", "..", "docs", "alarms.md"), "utf8");
    const table = /```text\n(scenario {2,}environment {2}first notification[\s\S]*?)```/.exec(doc)?.[1];
    expect(table).toBe(`${alarmTable(outcomes)}\n`);
  });

  // One test per scenario and environment, named by what on-call needs from it.
  const cases = ["production", "staging"].flatMap((environment) =>
    SCENARIOS.filter((s) => s.environments === "all" || s.environments.includes(environment)).map(
      (s) => [s.name, environment, expectationText(s.expectations[environment])] as const,
    ),
  );
  test.each(cases)("%s on %s: %s", (scenario, environment) => {
    const outcome = outcomes.find((o) => o.scenario === scenario && o.environment === environment);
    expect(outcome?.problems).toEqual([]);
  });
});

describe("any services, any names", () => {
  /**
   * The fixtures with renamed services and a fourth service of each role (public, internal, worker): scenarios name
   * services by kind, the world models them by role, so every scenario holds there too, with no code change.
   */
  const anyOut = join(work, "any-services");
  let outcomes: ScenarioOutcome[] = [];
  beforeAll(() => {
    synthesizeInto(anyOut, loadAllEnvironments(join(__dirname, "..", "fixtures", "any-services")));
    outcomes = replayEnvironments(synthesizedEnvironments(anyOut), SCENARIOS);
  }, 60_000);

  test("both environments replay every scenario of their kind, and each holds", () => {
    expect(new Set(outcomes.map((o) => o.environment))).toEqual(new Set(["big-production", "small-staging"]));
    expect(outcomes.filter((o) => o.notApplicable !== undefined)).toEqual([]);
    expect(outcomes.filter((o) => !o.holds).map((o) => `${o.scenario} on ${o.environment}: ${o.problems.join("; ")}`)).toEqual([]);
    expect(outcomes.length).toBeGreaterThanOrEqual(18);
  });

  test("a scenario breaking a kind of service the environment lacks is shown as not applicable, not failed", () => {
    const withoutInternal = { ...stackUnderReplay(join(anyOut, "stacks", "big-production", "cdk.tf.json")) };
    const topology = { ...withoutInternal.topology, services: withoutInternal.topology.services.filter((s) => s.role !== "internal") };
    const orchestratorDown = SCENARIOS.find((s) => s.name === "orchestrator-down")!;
    expect(scenarioNotApplicable(orchestratorDown, topology)).toBe("no internal service");
    expect(scenarioNotApplicable(orchestratorDown, withoutInternal.topology)).toBeUndefined();
  });

  test("overlapping incidents need every one of their changes: without a plain public service, not applicable", () => {
    const stack = stackUnderReplay(join(anyOut, "stacks", "big-production", "cdk.tf.json"));
    const withoutPublic = {
      ...stack.topology,
      services: stack.topology.services.filter(
        (s) => s.role !== "public" || s.name === stack.topology.services.find((x) => x.role === "internal")?.calledBy,
      ),
    };
    const overlapping = SCENARIOS.find((s) => s.name === "overlapping-incidents")!;
    expect(scenarioNotApplicable(overlapping, withoutPublic)).toBe("no public service");
    expect(scenarioNotApplicable(overlapping, stack.topology)).toBeUndefined();
  });
});

describe("incidents nobody wrote down", () => {
  /**
   * Incidents nobody wrote down: the written scenarios at other traffic levels, clock times, seeds and mixes of
   * healthy noise (fast-check, fixed seed: the same days every run; AXONFLOW_FUZZ_RUNS runs more in CI). Hard-down
   * outages page production within 10 minutes and never page staging; healthy days stay quiet on both.
   */
  // Six of each locally, a tenth of FUZZ_RUNS in CI (60 of each).
  const RUNS = Math.max(6, Math.round(FUZZ_RUNS / 10));
  const stacks = new Map<string, StackUnderReplay>();
  beforeAll(() => {
    for (const env of synthesizedEnvironments(outdir)) stacks.set(env.name, stackUnderReplay(env.file));
  });

  const clock = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom("00", "30"))
    .map(([h, m]) => `"${String(h).padStart(2, "0")}:${m}"`);
  const traffic = fc.constantFrom("low", "normal", "high");
  const seed = fc.integer({ min: 1, max: 1_000_000 });
  /**
   * Healthy noise: isolated errors per service (at most the steady day's rates: more, at night's low volume, really
   * burns a 99.9 % objective's budget and deserves its ticket), sometimes a rolling deploy.
   */
  const noise = fc.record({
    agent: fc.double({ min: 0.1, max: 2, noNaN: true }),
    orchestrator: fc.double({ min: 0.1, max: 1, noNaN: true }),
    portal: fc.double({ min: 0.1, max: 0.5, noNaN: true }),
  });
  const background = (n: { agent: number; orchestrator: number; portal: number }) =>
    [
      `  - service: agent\n    strayErrors: { perHour: ${n.agent.toFixed(2)} }`,
      `  - service: orchestrator\n    strayErrors: { perHour: ${n.orchestrator.toFixed(2)} }`,
      `  - service: customer-portal\n    strayErrors: { perHour: ${n.portal.toFixed(2)} }`,
    ].join("\n");

  const OUTAGES = {
    "agent down": ["- service: agent\n      allTasksDown: true"],
    "every public target down": ["- service: agent\n      allTasksDown: true", "- service: customer-portal\n      allTasksDown: true"],
    "orchestrator down": ["- service: orchestrator\n      allTasksDown: true"],
    "agent crash loop": ["- service: agent\n      crashLoop: { runMinutes: [1, 3] }"],
  };

  function scenario(name: string, text: string) {
    const loaded = scenarioFromText(
      `${name}.yaml`,
      `name: ${name}\ndescription: generated by __tests__/incidents/incidents.test.ts\n${text}`,
    );
    if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
    return loaded.scenario;
  }

  const outages = fc.sample(
    fc.record({ outage: fc.constantFrom(...(Object.keys(OUTAGES) as (keyof typeof OUTAGES)[])), start: clock, traffic, seed, noise }),
    { seed: 4242, numRuns: RUNS },
  );
  test.each(outages.map((o, i) => [`${o.outage} at ${o.start} (${o.traffic} traffic, seed ${o.seed})`, o, i] as const))(
    "%s: production pages within 10 min, staging gets a ticket and no page",
    (_, o, i) => {
      const text = [
        "environments: all",
        `start: ${o.start}`,
        "duration: 3h",
        `traffic: ${o.traffic}`,
        `seed: ${o.seed}`,
        `background:\n${background(o.noise)}`,
        `incident:\n  at: 1h\n  changes:\n${OUTAGES[o.outage].map((c) => `    ${c}`).join("\n")}`,
        "expect:\n  production:\n    page: within 10m\n  staging:\n    ticket: within 30m\n    page: never",
      ].join("\n");
      const s = scenario(`outage-${i}`, text);
      for (const [env, stack] of stacks)
        expect({ env, problems: replayScenario(stack, s, env).outcome.problems }).toEqual({ env, problems: [] });
    },
  );

  const healthyDays = fc.sample(
    fc.record({ start: clock, traffic, seed, noise, deploy: fc.option(fc.integer({ min: 3, max: 6 }), { nil: undefined }) }),
    { seed: 2424, numRuns: RUNS },
  );
  test.each(
    healthyDays.map(
      (d, i) =>
        [
          `${d.start}, ${d.traffic} traffic${d.deploy ? `, a rolling deploy (${d.deploy} min per task)` : ""}, seed ${d.seed}`,
          d,
          i,
        ] as const,
    ),
  )("healthy 6 h from %s: quiet everywhere", (_, d, i) => {
    const deploy = d.deploy
      ? `incident:\n  at: 2h\n  changes:\n    - service: agent\n      for: 30m\n      rollingDeploy: { minutesPerTask: ${d.deploy} }`
      : "";
    const text = [
      "environments: all",
      `start: ${d.start}`,
      "duration: 6h",
      `traffic: ${d.traffic}`,
      `seed: ${d.seed}`,
      `background:\n${background(d.noise)}`,
      deploy,
      "expect:\n  production: quiet\n  staging: quiet",
    ]
      .filter(Boolean)
      .join("\n");
    const s = scenario(`healthy-${i}`, text);
    for (const [env, stack] of stacks)
      expect({ env, problems: replayScenario(stack, s, env).outcome.problems }).toEqual({ env, problems: [] });
  });
});

describe("incidents nobody wrote down, on environments nobody wrote down", () => {
  /**
   * The same property on drawn environments: any names, one to three public services (the first calls one or two
   * internal ones), workers, each service's log format, heartbeats and per-request logging drawn, at traffic levels
   * from a twentieth to tenfold bursts. Each is synthesized twice, as production (it pages, with a traffic
   * schedule) and as staging (no paging route). Outages are named by service kind, so they hold for any names.
   */
  const RUNS = Math.max(4, Math.round(FUZZ_RUNS / 20));
  const drawnOut = join(work, "drawn");
  const name = fc.stringMatching(/^[a-z][a-z0-9]{2,7}$/);
  const service = fc.record({
    logFormat: fc.constantFrom("text", "axonflow-json", "guide-json"),
    writesHeartbeats: fc.boolean(),
    logsEachRequest: fc.boolean(),
  });
  const shape = fc.record({
    names: fc.uniqueArray(name, { minLength: 6, maxLength: 6 }),
    publics: fc.integer({ min: 1, max: 3 }),
    internals: fc.integer({ min: 1, max: 2 }),
    workers: fc.integer({ min: 0, max: 1 }),
    settings: fc.array(service, { minLength: 6, maxLength: 6 }),
  });
  const hex = (i: number, n: number) => `${i}${n}`.padStart(16, "0");

  function environmentText(v: ShapeValue, pages: boolean, index: number): string {
    const lines = [
      `accountId: "111122223333"`,
      "region: us-east-1",
      `alb: { arnSuffix: app/drawn-${index}/${hex(index, 9)} }`,
      `ecs: { clusterName: drawn-${index} }`,
      "services:",
    ];
    const roles = [
      ...Array(v.publics).fill("public"),
      ...Array(v.internals).fill("internal"),
      ...Array(v.workers).fill("worker"),
    ] as string[];
    roles.forEach((role, i) => {
      const n = v.names[i]!;
      const set = v.settings[i]!;
      lines.push(
        `  ${n}:`,
        `    role: ${role}`,
        `    ecsServiceName: svc-${n}`,
        `    logFormat: ${set.logFormat}`,
        `    writesHeartbeats: ${set.writesHeartbeats}`,
        `    logsEachRequest: ${set.logsEachRequest}`,
      );
      if (role === "public") lines.push(`    targetGroupArnSuffix: targetgroup/tg-${n}/${hex(index, i)}`);
      if (role === "internal") lines.push(`    calledBy: ${v.names[0]}`);
    });
    lines.push("alerts: { emails: [oncall@example.com] }", "runbookBaseUrl: https://runbooks.example.com/axonflow");
    if (pages) {
      lines.push(
        "paging: { emails: [pager@example.com] }",
        "alarms:",
        "  noTraffic:",
        "    expectedTraffic:",
        "      - { fromHourUtc: 8, toHourUtc: 20, days: weekdays, minRequests: 20 }",
      );
    }
    return `${lines.join("\n")}\n`;
  }
  type ShapeValue = {
    names: string[];
    publics: number;
    internals: number;
    workers: number;
    settings: { logFormat: string; writesHeartbeats: boolean; logsEachRequest: boolean }[];
  };

  const draws = fc.sample(
    fc.record({
      shape,
      outage: fc.constantFrom("entry", "public", "internal", "entry-crash-loop"),
      start: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom("00", "30")).map(([h, m]) => `"${String(h).padStart(2, "0")}:${m}"`),
      traffic: fc.constantFrom("sparse", "low", "normal", "high", "bursty"),
      seed: fc.integer({ min: 1, max: 1_000_000 }),
    }),
    { seed: 777, numRuns: RUNS },
  );
  const stacks = new Map<string, StackUnderReplay>();
  beforeAll(() => {
    const configs = draws.flatMap((d, i) =>
      [true, false].map((pages) => {
        const file = `environments/drawn-${i}-${pages ? "production" : "staging"}.yaml`;
        const loaded = loadFromText(file, environmentText(d.shape, pages, i));
        if (!loaded.ok) throw new Error(loaded.problems.join("\n"));
        return loaded.config;
      }),
    );
    synthesizeInto(drawnOut, configs);
    for (const env of synthesizedEnvironments(drawnOut)) stacks.set(env.name, stackUnderReplay(env.file));
  }, 60_000);

  const OUTAGES: Record<string, string[]> = {
    entry: ["- services: entry\n      allTasksDown: true"],
    // Every public service: the entry ones and the others.
    public: ["- services: entry\n      allTasksDown: true", "- services: public\n      allTasksDown: true"],
    internal: ["- services: internal\n      allTasksDown: true"],
    "entry-crash-loop": ["- services: entry\n      crashLoop: { runMinutes: [1, 3] }"],
  };
  const describeDraw = (d: (typeof draws)[number]) => {
    const v = d.shape;
    return `${v.publics} public, ${v.internals} internal, ${v.workers} worker (${v.settings
      .slice(0, v.publics + v.internals + v.workers)
      .map((s) => s.logFormat)
      .join("/")}), ${d.outage} down at ${d.start}, ${d.traffic} traffic`;
  };

  test.each(draws.map((d, i) => [describeDraw(d), d, i] as const))(
    "%s: production pages within 10 min, staging tickets and never pages; a healthy day is quiet",
    (_, d, i) => {
      const outage = scenarioFromText(
        `drawn-outage-${i}.yaml`,
        [
          `name: drawn-outage-${i}`,
          "description: generated by __tests__/incidents/incidents.test.ts",
          "environments: all",
          `start: ${d.start}`,
          "duration: 3h",
          `traffic: ${d.traffic}`,
          `seed: ${d.seed}`,
          `incident:\n  at: 1h\n  changes:\n${OUTAGES[d.outage]!.map((c) => `    ${c}`).join("\n")}`,
          "expect:\n  production:\n    page: within 10m\n  staging:\n    ticket: within 30m\n    page: never",
        ].join("\n"),
      );
      const healthy = scenarioFromText(
        `drawn-healthy-${i}.yaml`,
        [
          `name: drawn-healthy-${i}`,
          "description: generated by __tests__/incidents/incidents.test.ts",
          "environments: all",
          `start: ${d.start}`,
          "duration: 6h",
          `traffic: ${d.traffic}`,
          `seed: ${d.seed}`,
          "expect:\n  production: quiet\n  staging: quiet",
        ].join("\n"),
      );
      if (!outage.ok || !healthy.ok)
        throw new Error([...(outage.ok ? [] : outage.problems), ...(healthy.ok ? [] : healthy.problems)].join("\n"));
      for (const kind of ["production", "staging"]) {
        const env = `drawn-${i}-${kind}`;
        const stack = stacks.get(env)!;
        expect({ env, outage: replayScenario(stack, outage.scenario, env).outcome.problems }).toEqual({ env, outage: [] });
        expect({ env, healthy: replayScenario(stack, healthy.scenario, env).outcome.problems }).toEqual({ env, healthy: [] });
      }
    },
  );
});

describe("the Incident replays section of HANDOFF.md", () => {
  test("a failing scenario's reasons stay in their cell, a pipe in them included", () => {
    const stackFile = join(outdir, "stacks", "staging", "cdk.tf.json");
    const failing: ScenarioOutcome = {
      scenario: "made-up",
      environment: "staging",
      kind: "staging",
      expectation: { kind: "quiet" },
      firstTicket: 3,
      firstByAlarm: [{ alarm: "running-tasks-agent", minutes: 3 }],
      holds: false,
      problems: ["paged | twice", "ticketed at 3 min"],
    };
    writeReplaySection(stackFile, [failing]);
    const row = readFileSync(join(outdir, "stacks", "staging", "HANDOFF.md"), "utf8")
      .split("\n")
      .find((l) => l.startsWith("| `made-up`"));
    expect(row).toBe("| `made-up` | quiet | — | 3 min | **fails**: paged \\| twice; ticketed at 3 min |");
  });
});
