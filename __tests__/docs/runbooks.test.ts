import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { parse as parseYaml } from "yaml";
import type { EnvironmentConfig } from "../../lib/config/schema";
import { kebabOf } from "../../lib/alarms/alarm-kind";
import { ALARM_KINDS } from "../../lib/alarms/kinds";
import { QUERY_CATALOG } from "../../lib/logging/queries/catalog";
import { configFrom, fixtureEnvironments, problemsFor } from "../support/environments";
import { synthesized, type TerraformJson } from "../support/synth";

describe("runbooks", () => {
  // github-slugger computes the anchors GitHub gives headings. 1.x is CommonJS (2.x is ESM-only, which jest's
  // CommonJS runtime cannot require) and ships no type declarations, hence require() with the one type used.
  const GithubSlugger: new () => { slug(text: string): string } = require("github-slugger");

  /**
   * Every alarm's description ends with `Runbook: <repositoryUrl>/docs/runbooks/<kind>.md#<kind>`: those files exist,
   * each has the heading the link's anchor names, none is orphaned, and what they point to (links, repository
   * paths, saved queries, alarm and topic names, environment-file settings) exists too.
   */

  const ROOT = join(__dirname, "..", "..");
  const RUNBOOKS = join(ROOT, "docs", "runbooks");
  const REPOSITORY = "https://github.com/acme/axonflow-cloudwatch/blob/main";
  const RUNBOOK_LINK = new RegExp(`^${escapeRegExp(REPOSITORY)}/docs/runbooks/([^/#?]+\\.md)#([^#]+)$`);
  /** What describeWithRunbook appends to every description. */
  const RUNBOOK_AT_END = /\sRunbook: (\S+)$/;
  const MAX_LINES = 80;
  const SECTIONS = ["What it means", "First checks", "Likely causes", "Silence it safely", "Related"];

  // ---- the environments: the base file and every fixture, all linking runbooks in this repository --------------

  const inRepository = (config: EnvironmentConfig): EnvironmentConfig => ({
    ...config,
    runbookBaseUrl: undefined,
    repositoryUrl: REPOSITORY,
  });
  const ENVIRONMENTS: readonly { label: string; config: EnvironmentConfig }[] = [
    // The opt-in anomaly band on, so its runbook is linked too.
    {
      label: "the base environment",
      config: configFrom({ runbookBaseUrl: undefined, repositoryUrl: REPOSITORY, alarms: { requestAnomaly: { enabled: true } } }),
    },
    ...fixtureEnvironments().map((config) => ({ label: `fixture ${config.name}`, config: inRepository(config) })),
  ];

  interface Alarm {
    readonly name: string;
    readonly description: string;
  }

  function alarmsOf(tf: TerraformJson): Alarm[] {
    return ["aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm"].flatMap((type) =>
      Object.values(tf.resource[type] ?? {}).map((r) => ({ name: String(r.alarm_name), description: String(r.alarm_description) })),
    );
  }

  /** Every physical name of a stack (alarms, topics, policies, filters, KMS aliases without `alias/`). */
  function namesOf(tf: TerraformJson): string[] {
    return Object.values(tf.resource).flatMap((byAddress) =>
      Object.values(byAddress).flatMap((r) =>
        [r.alarm_name, r.name].filter((n): n is string => typeof n === "string").map((n) => n.replace(/^alias\//, "")),
      ),
    );
  }

  // ---- markdown, as GitHub reads it ---------------------------------------------------------------------------

  interface Runbook {
    readonly file: string;
    readonly text: string;
    /** Lines outside fenced code blocks, joined. */
    readonly prose: string;
    /** Heading texts in order (outside fenced code). */
    readonly headings: readonly { level: number; text: string }[];
    /** GitHub's anchor of each heading, in order (repeats get -1, -2 … as on GitHub). */
    readonly anchors: readonly string[];
  }

  function readRunbook(file: string): Runbook {
    const text = readFileSync(join(RUNBOOKS, file), "utf8");
    const prose: string[] = [];
    const headings: { level: number; text: string }[] = [];
    let fence: string | undefined;
    for (const line of text.split("\n")) {
      const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
      if (marker && (fence === undefined || (marker[0] === fence[0] && marker.length >= fence.length))) {
        fence = fence === undefined ? marker : undefined;
        continue;
      }
      if (fence !== undefined) continue;
      prose.push(line);
      const heading = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
      if (heading) headings.push({ level: heading[1].length, text: heading[2] ?? "" });
    }
    const slugger = new GithubSlugger();
    const anchors = headings.map((h) => slugger.slug(plainText(h.text)));
    return { file, text, prose: prose.join("\n"), headings, anchors };
  }

  /** A heading's rendered text: link text for links, no code ticks or emphasis marks. */
  const plainText = (markdown: string) => markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/[`*]/g, "");

  /** Inline code spans of the prose (single backticks; a span may wrap lines), whitespace collapsed. */
  const codeSpans = (r: Runbook) => [...r.prose.matchAll(/`([^`]+)`/g)].map((m) => m[1].replace(/\s+/g, " ").trim());
  /** The prose without code spans: what GitHub renders as text. */
  const plainProse = (r: Runbook) => r.prose.replace(/`[^`]+`/g, "");
  /** Targets of inline links `[text](target)` in the prose. */
  const linkTargets = (r: Runbook) => [...plainProse(r).matchAll(/\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]);

  const RUNBOOK_FILES = existsSync(RUNBOOKS)
    ? readdirSync(RUNBOOKS)
        .filter((f) => f.endsWith(".md"))
        .sort()
    : [];
  const runbooks = new Map(RUNBOOK_FILES.map((f) => [f, readRunbook(f)]));

  function escapeRegExp(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /** A path or name with `<placeholder>`s as a regular expression, each placeholder standing for `any`. */
  const withPlaceholders = (s: string, any: string) =>
    s
      .split(/(<[^>]+>)/)
      .map((part) => (/^<[^>]+>$/.test(part) ? any : escapeRegExp(part)))
      .join("");

  /** Whether some file or folder of the repository matches a path that may hold `<placeholder>` segments. */
  function repositoryPathExists(path: string): boolean {
    let candidates = [ROOT];
    for (const segment of path.replace(/\/+$/, "").split("/")) {
      const pattern = new RegExp(`^${withPlaceholders(segment, "[^/]+")}$`);
      candidates = candidates.flatMap((dir) =>
        existsSync(dir) && statSync(dir).isDirectory()
          ? readdirSync(dir)
              .filter((e) => pattern.test(e))
              .map((e) => join(dir, e))
          : [],
      );
    }
    return candidates.length > 0;
  }

  // ---- the tests ------------------------------------------------------------------------------------------------

  interface RunbookLink {
    readonly alarm: string;
    /** The file under docs/runbooks and the anchor, or undefined when the description has no such link. */
    readonly file?: string;
    readonly anchor?: string;
    readonly description: string;
  }

  /** The runbook link at the end of every metric and composite alarm's description. */
  function runbookLinks(config: EnvironmentConfig): RunbookLink[] {
    return alarmsOf(synthesized(config).tf).map(({ name, description }) => {
      const link = RUNBOOK_AT_END.exec(description)?.[1];
      const parts = link === undefined ? null : RUNBOOK_LINK.exec(link);
      return { alarm: name, description, ...(parts && { file: parts[1], anchor: parts[2] }) };
    });
  }

  describe("runbook links of the synthesized alarms", () => {
    test.each(ENVIRONMENTS.map((e) => [e.label, e.config] as const))(
      "%s: every alarm links docs/runbooks/<kind>.md at a heading it has",
      (_label, config) => {
        const links = runbookLinks(config);
        expect(links.length).toBeGreaterThan(0);
        const problems: string[] = [];
        for (const { alarm, file, anchor, description } of links) {
          if (file === undefined || anchor === undefined) {
            problems.push(
              `${alarm}: description does not end with "Runbook: ${REPOSITORY}/docs/runbooks/<kind>.md#<anchor>" ` +
                `(…${JSON.stringify(description.slice(-120))})`,
            );
            continue;
          }
          const runbook = runbooks.get(file);
          if (!runbook) problems.push(`${alarm}: links docs/runbooks/${file}, which does not exist`);
          else if (!runbook.anchors.includes(anchor))
            problems.push(
              `${alarm}: docs/runbooks/${file} has no heading with the anchor #${anchor} (it has ${runbook.anchors.map((a) => `#${a}`).join(", ")})`,
            );
        }
        expect(problems).toEqual([]);
      },
    );

    test("every runbook is linked by some alarm (no orphans)", () => {
      const linked = new Set(
        ENVIRONMENTS.flatMap(({ config }) => runbookLinks(config).flatMap((l) => (l.file === undefined ? [] : [l.file]))),
      );
      expect(linked.size).toBeGreaterThan(0);
      expect(RUNBOOK_FILES.filter((f) => !linked.has(f))).toEqual([]);
    });

    test("an environment with its own runbook site (<runbookBaseUrl>#<kind>) names the same anchors", () => {
      for (const config of fixtureEnvironments().filter((c) => c.runbookBaseUrl !== undefined)) {
        const base = config.runbookBaseUrl!.replace(/#.*$/, "");
        for (const alarm of alarmsOf(synthesized(config).tf)) {
          const link = RUNBOOK_AT_END.exec(alarm.description)?.[1] ?? "";
          expect({ alarm: alarm.name, base: link.slice(0, base.length + 1) }).toEqual({ alarm: alarm.name, base: `${base}#` });
          const anchor = link.slice(base.length + 1);
          expect({ alarm: alarm.name, anchor, runbook: runbooks.get(`${anchor}.md`)?.anchors[0] }).toEqual({
            alarm: alarm.name,
            anchor,
            runbook: anchor,
          });
        }
      }
    });
  });

  describe("each alarm kind's descriptor (lib/alarms/kinds/)", () => {
    const overrides =
      readFileSync(join(ROOT, "docs", "alarms.md"), "utf8")
        .split("## Overriding per environment")[1]
        ?.split("\n## ")[0] ?? "";
    test.each(ALARM_KINDS.map((k) => [k.key] as const))(
      "%s: its runbook docs/runbooks/<kebab-key>.md, and its row in docs/alarms.md's overrides",
      (key) => {
        expect({ key, runbook: runbooks.has(`${kebabOf(key)}.md`) }).toEqual({ key, runbook: true });
        expect({
          key,
          row: overrides
            .split("\n")
            .some((l) => l.startsWith("| ") && [...l.split(" | ")[0].matchAll(/`([^`]+)`/g)].some((m) => m[1] === key)),
        }).toEqual({ key, row: true });
      },
    );
  });

  describe("each runbook", () => {
    test("there are runbooks", () => {
      expect(RUNBOOK_FILES.length).toBeGreaterThan(0);
    });

    test.each(RUNBOOK_FILES)("%s: its first heading is a level-1 heading whose anchor is the file's name", (file) => {
      const r = runbooks.get(file)!;
      expect({ level: r.headings[0]?.level, anchor: r.anchors[0] }).toEqual({ level: 1, anchor: file.replace(/\.md$/, "") });
    });

    test.each(RUNBOOK_FILES)("%s: has the sections in order, and stays short", (file) => {
      const r = runbooks.get(file)!;
      expect(r.headings.filter((h) => h.level === 2).map((h) => h.text)).toEqual(SECTIONS);
      expect(r.text.trimEnd().split("\n").length).toBeLessThanOrEqual(MAX_LINES);
    });

    test.each(RUNBOOK_FILES)("%s: links only to files of this repository that exist, at headings they have", (file) => {
      const r = runbooks.get(file)!;
      const problems: string[] = [];
      for (const target of linkTargets(r)) {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …
        const [path, anchor] = target.split("#", 2);
        const absolute = path === "" ? join(RUNBOOKS, file) : resolve(RUNBOOKS, decodeURIComponent(path));
        const inRepo = relative(ROOT, absolute);
        if (inRepo.startsWith("..") || inRepo.split(sep).includes("node_modules")) problems.push(`${target}: outside this repository`);
        else if (!existsSync(absolute)) problems.push(`${target}: ${inRepo} does not exist`);
        else if (anchor !== undefined && absolute.endsWith(".md") && !readRunbook(relative(RUNBOOKS, absolute)).anchors.includes(anchor)) {
          problems.push(`${target}: ${inRepo} has no heading #${anchor}`);
        }
      }
      expect(problems).toEqual([]);
    });

    test.each(RUNBOOK_FILES)("%s: repository paths it names exist", (file) => {
      const paths = codeSpans(runbooks.get(file)!).filter((c) =>
        /^(lib|environments|docs|__tests__|scripts|replay|patches)\/[^\s]*$/.test(c),
      );
      expect(paths.filter((p) => !repositoryPathExists(p))).toEqual([]);
    });

    test.each(RUNBOOK_FILES)("%s: saved Logs Insights queries it names exist", (file) => {
      const titles = new Set(QUERY_CATALOG.map((q) => q.title));
      const named = [...runbooks.get(file)!.text.matchAll(/AxonFlow\/<env>\/([^`\n]+)`/g)].map((m) => m[1]);
      expect(named.filter((t) => !titles.has(t))).toEqual([]);
    });

    test.each(RUNBOOK_FILES)("%s: alarm, topic and policy names it gives exist in a synthesized stack", (file) => {
      const stacks = ENVIRONMENTS.map((e) => ({ env: e.config.name, names: namesOf(synthesized(e.config).tf) }));
      const text = runbooks.get(file)!.text;
      const problems: string[] = [];
      for (const m of text.matchAll(/axonflow-<env>(?:-[a-z0-9<>]+)*/g)) {
        // Followed by "-": an alarm-name prefix (`--alarm-name-prefix axonflow-<env>-burn-rate-`).
        const prefix = text[m.index + m[0].length] === "-";
        const found = stacks.some(({ env, names }) => {
          const pattern = new RegExp(`^${withPlaceholders(m[0].replace(/<env>/g, env), "[a-z0-9-]+")}${prefix ? "-" : "$"}`);
          return names.some((n) => pattern.test(n));
        });
        if (!found) problems.push(m[0] + (prefix ? "-…" : ""));
      }
      expect(problems).toEqual([]);
    });

    test.each(RUNBOOK_FILES)("%s: environment-file settings it gives are valid", (file) => {
      const problems: string[] = [];
      for (const code of codeSpans(runbooks.get(file)!)) {
        const setting = /^(alarms|services|paging|logs|alb|ecs)\.([A-Za-z0-9<>.-]+?)(?::\s+(.+))?$/.exec(code);
        if (!setting) continue;
        // A placeholder stands for a real key: a service of the fixtures, an alarm kind.
        const path = [setting[1], ...setting[2].split(".")].map((p) => (p === "<service>" ? "agent" : p === "<kind>" ? "errorRate" : p));
        // A setting named without a value only has to exist: any value, and no "unknown key" among the problems.
        const value: unknown = setting[3] === undefined ? null : parseYaml(setting[3]);
        const rejected = problemsFor(path.reduceRight<unknown>((v, key) => ({ [key]: v }), value) as Record<string, unknown>);
        const relevant = setting[3] === undefined ? rejected.filter((p) => p.includes("unknown key")) : rejected;
        if (relevant.length > 0) problems.push(`${code}: ${relevant.join("; ")}`);
      }
      expect(problems).toEqual([]);
    });

    test.each(RUNBOOK_FILES)("%s: console links name the region, placeholders stay in code, no account ids", (file) => {
      const r = runbooks.get(file)!;
      const consoleLinks = [...r.text.matchAll(/https:\/\/[a-z0-9.-]*console\.aws\.amazon\.com\/[^\s`]*/g)].map((m) => m[0]);
      expect(consoleLinks.filter((u) => !u.startsWith("https://console.aws.amazon.com/") || !u.includes("region=<region>"))).toEqual([]);
      // GitHub drops `<word>` outside code as an unknown HTML tag: placeholders belong in code spans or blocks.
      expect([...plainProse(r).matchAll(/<[A-Za-z][^>\s]*>/g)].map((m) => m[0])).toEqual([]);
      expect(r.text.match(/\b\d{12}\b/g) ?? []).toEqual([]);
    });
  });
});
