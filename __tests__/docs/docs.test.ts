import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { parse as parseYaml } from "yaml";
import type { EnvironmentConfig } from "../../lib/config/schema";
import { kebabOf } from "../../lib/alarms/alarm-kind";
import { ALARM_KINDS } from "../../lib/alarms/kinds";
import { QUERY_CATALOG } from "../../lib/logging/queries/catalog";
import { configFrom, fixtureEnvironment, fixtureEnvironments, problemsFor } from "../support/environments";
import { synthesized, type TerraformJson } from "../support/synth";

describe("README.md", () => {
  // github-slugger computes the anchors GitHub gives headings. 1.x is CommonJS (2.x is ESM-only, which jest's
  // CommonJS runtime cannot require) and ships no type declarations, hence require() with the one type used.
  const GithubSlugger: new () => { slug(text: string): string } = require("github-slugger");

  /**
   * The README is the front door (short, with `npm test`, every npm script, the alarm catalog as synthesized) and
   * docs/ the depth. Every relative link of both resolves to a file of this repository, at a heading it has; no text
   * sends the reader to a file this repository does not hold.
   */

  const ROOT = join(__dirname, "..", "..");
  const README = join(ROOT, "README.md");
  const DOCS = join(ROOT, "docs");
  const MAX_README_LINES = 200;
  /** Generated or installed, never part of a checkout: a link there resolves only on the machine that wrote it. */
  const NOT_IN_REPOSITORY = ["node_modules", "cdktf.out", "cdktf.out.hcl", "cdktf.out.pending", "coverage", ".git"];

  // ---- markdown, as GitHub reads it ---------------------------------------------------------------------------

  interface MarkdownFile {
    readonly file: string;
    readonly text: string;
    /** Lines outside fenced code blocks (code lines blanked, so line numbers stay). */
    readonly prose: string;
    /** GitHub's anchor of each heading, in order (repeats get -1, -2 … as on GitHub). */
    readonly anchors: readonly string[];
  }

  const cache = new Map<string, MarkdownFile>();

  function readMarkdown(file: string): MarkdownFile {
    const known = cache.get(file);
    if (known) return known;
    const text = readFileSync(file, "utf8");
    const prose: string[] = [];
    const headings: string[] = [];
    let fence: string | undefined;
    for (const line of text.split("\n")) {
      const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
      if (marker && (fence === undefined || (marker[0] === fence[0] && marker.length >= fence.length))) {
        fence = fence === undefined ? marker : undefined;
        prose.push("");
        continue;
      }
      if (fence !== undefined) {
        prose.push("");
        continue;
      }
      prose.push(line);
      const heading = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
      if (heading) headings.push(heading[1] ?? "");
    }
    const slugger = new GithubSlugger();
    const anchors = headings.map((h) => slugger.slug(plainText(h)));
    const parsed = { file, text, prose: prose.join("\n"), anchors };
    cache.set(file, parsed);
    return parsed;
  }

  /** A heading's rendered text: link text for links, no code ticks or emphasis marks. */
  const plainText = (markdown: string) => markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/[`*]/g, "");
  /** The prose without code spans: what GitHub renders as text and links. */
  const withoutCodeSpans = (prose: string) => prose.replace(/`[^`\n]+`/g, "");
  /** Inline code spans of the prose. */
  const codeSpans = (prose: string) => [...prose.matchAll(/`([^`\n]+)`/g)].map((m) => m[1].trim());
  /** Targets of inline links and images `[text](target "title")` in the prose. */
  const linkTargets = (md: MarkdownFile) => [...withoutCodeSpans(md.prose).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);

  function markdownFilesUnder(dir: string): string[] {
    return readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".md"))
      .map((f) => join(dir, f))
      .sort();
  }

  const DOCUMENTS = [README, ...markdownFilesUnder(DOCS)];
  const shown = (file: string) => relative(ROOT, file).split(sep).join("/");

  /** Where a relative link points, or why it points nowhere this repository holds. */
  function linkProblem(from: string, target: string): string | undefined {
    const [path, anchor] = target.split("#", 2);
    const absolute = path === "" ? from : resolve(dirname(from), decodeURIComponent(path));
    const inRepository = relative(ROOT, absolute);
    if (inRepository.startsWith("..") || resolve(ROOT, inRepository) !== absolute) return "outside this repository";
    if (NOT_IN_REPOSITORY.includes(inRepository.split(sep)[0])) return `${shown(absolute)} is generated or installed, not part of the repository`;
    if (!existsSync(absolute)) return `${shown(absolute)} does not exist`;
    if (anchor === undefined) return undefined;
    if (!absolute.endsWith(".md") || statSync(absolute).isDirectory()) return `#${anchor} on ${shown(absolute)}, which is not a Markdown file`;
    const anchors = readMarkdown(absolute).anchors;
    return anchors.includes(anchor) ? undefined : `${shown(absolute)} has no heading #${anchor} (it has ${anchors.map((a) => `#${a}`).join(", ")})`;
  }

  /** A path with `<placeholder>` segments as a regular expression, each placeholder standing for `any`. */
  const withPlaceholders = (s: string, any: string) =>
    s
      .split(/(<[^>]+>)/)
      .map((part) => (/^<[^>]+>$/.test(part) ? any : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("");

  /** Whether some file or folder of the repository matches a path that may hold `<placeholder>`s or `*` globs. */
  function repositoryPathExists(path: string): boolean {
    let candidates = [ROOT];
    for (const segment of path.replace(/\/+$/, "").split("/")) {
      const pattern = new RegExp(`^${withPlaceholders(segment.replace(/\*/g, "<any>"), "[^/]*")}$`);
      candidates = candidates.flatMap((dir) => (existsSync(dir) && statSync(dir).isDirectory() ? readdirSync(dir).filter((e) => pattern.test(e)).map((e) => join(dir, e)) : []));
    }
    return candidates.length > 0;
  }

  /** The lines of a `## <title>` section, up to the next heading of level 1 or 2. */
  function section(md: MarkdownFile, title: string): string {
    const lines = md.prose.split("\n");
    const start = lines.findIndex((l) => l.trim() === `## ${title}`);
    if (start < 0) throw new Error(`${shown(md.file)}: no section "## ${title}"`);
    const end = lines.findIndex((l, i) => i > start && /^#{1,2}\s/.test(l));
    return lines.slice(start + 1, end < 0 ? undefined : end).join("\n");
  }

  /** The first cell of each body row of the first table in `text`. */
  function firstColumn(text: string): string[] {
    const rows = text.split("\n").filter((l) => l.trimStart().startsWith("|"));
    return rows.slice(2).map((r) => r.trim().replace(/^\|/, "").split(/(?<!\\)\|/)[0].trim());
  }

  // ---- the tests ------------------------------------------------------------------------------------------------

  const readme = readMarkdown(README);

  describe("README.md", () => {
    test(`is a front door: at most ${MAX_README_LINES} lines`, () => {
      expect(readme.text.trimEnd().split("\n").length).toBeLessThanOrEqual(MAX_README_LINES);
    });

    test("its quick start runs npm test and every other test command .ci/run runs", () => {
      const quickStart = readme.text.slice(readme.text.indexOf("## Quick start"), readme.text.indexOf("\n## ", readme.text.indexOf("## Quick start") + 1));
      expect(quickStart).toMatch(/\bnpm test\b/);
      const ciTests = readFileSync(join(ROOT, ".ci", "run"), "utf8").split("\n").filter((l) => /^npm (test|run test:)/.test(l));
      expect(ciTests).toEqual(expect.arrayContaining(["npm test", "npm run test:app"]));
      for (const command of ciTests) expect(quickStart).toContain(command);
    });

    test("its Scripts table lists every npm script of package.json", () => {
      const scripts = Object.keys((JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts);
      expect(scripts.length).toBeGreaterThan(0);
      const commands = firstColumn(section(readme, "Scripts")).flatMap(codeSpans);
      const lifecycleShortcuts = ["test", "start", "stop", "restart"];
      const listed = (script: string) =>
        commands.some((c) => c === script || c === `npm run ${script}` || c.startsWith(`npm run ${script} `) || (lifecycleShortcuts.includes(script) && (c === `npm ${script}` || c.startsWith(`npm ${script} `))));
      expect(scripts.filter((s) => !listed(s))).toEqual([]);
    });

    test("links every page of docs/ (no orphaned documentation)", () => {
      const linked = new Set(linkTargets(readme).map((t) => resolve(ROOT, t.split("#")[0])));
      const pages = readdirSync(DOCS).filter((f) => f.endsWith(".md")).map((f) => join(DOCS, f));
      expect(pages.filter((p) => !linked.has(p)).map(shown)).toEqual([]);
    });
  });

  describe("README.md's alarm table and the synthesized catalog", () => {
    const PREFIX = "axonflow-production-";
    const alarmNames = (tf: TerraformJson) =>
      ["aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm"].flatMap((type) => Object.values(tf.resource[type] ?? {}).map((r) => String(r.alarm_name)));

    /** The table's names as patterns: `target-health-<service>`; `burn-rate-fast` (`-1h`, `-5m`) adds its windows. */
    const rows = firstColumn(section(readme, "Alarms")).map((cell) => {
      const [base, ...rest] = codeSpans(cell);
      const names = [base, ...rest.filter((s) => s.startsWith("-")).map((suffix) => `${base}${suffix}`)];
      return { cell, patterns: names.map((n) => new RegExp(`^${withPlaceholders(n, "[a-z0-9]+(?:-[a-z0-9]+)*")}$`)) };
    });
    const listed = (what: string) => rows.some((r) => r.patterns.some((p) => p.test(what)));

    test("the table has rows", () => {
      expect(rows.length).toBeGreaterThan(5);
    });

    test("lists every alarm the production fixture stack synthesizes", () => {
      const names = alarmNames(synthesized(fixtureEnvironment("production")).tf);
      expect(names.length).toBeGreaterThan(0);
      expect(names.filter((n) => !n.startsWith(PREFIX))).toEqual([]);
      expect(names.map((n) => n.slice(PREFIX.length)).filter((what) => !listed(what))).toEqual([]);
    });

    test("lists no alarm that no longer exists (the opt-in anomaly band turned on)", () => {
      const production = fixtureEnvironment("production");
      const everything = { ...production, alarms: { ...production.alarms, requestAnomaly: { ...production.alarms.requestAnomaly, enabled: true } } };
      const whats = alarmNames(synthesized(everything).tf).map((n) => n.slice(PREFIX.length));
      expect(rows.filter((r) => !r.patterns.every((p) => whats.some((w) => p.test(w)))).map((r) => r.cell)).toEqual([]);
    });
  });

  describe.each(DOCUMENTS.map((f) => [shown(f), f] as const))("%s", (_name, file) => {
    const md = readMarkdown(file);

    test("every relative link resolves to a file of this repository, at a heading it has", () => {
      const problems = linkTargets(md)
        .filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t)) // https:, mailto: …
        .flatMap((t) => {
          const problem = linkProblem(file, t);
          return problem === undefined ? [] : [`${t}: ${problem}`];
        });
      expect(problems).toEqual([]);
    });

    test("repository paths it names in code exist", () => {
      const paths = codeSpans(md.prose).filter((c) => /^(lib|environments|docs|__tests__|scripts|replay|patches|\.github|\.ci)\/\S*$/.test(c));
      expect(paths.filter((p) => !repositoryPathExists(p))).toEqual([]);
    });

    test("placeholders such as <env> stay in code (GitHub drops them from prose as unknown HTML tags)", () => {
      const prose = md.prose.replace(/`[^`]+`/g, "");
      expect([...prose.matchAll(/<[A-Za-z][^>\s]*>/g)].map((m) => m[0])).toEqual([]);
    });

    test("sends the reader to nothing outside this repository (no shared/, no STYLE §, no \"the guide at …\")", () => {
      const outside = [...md.text.matchAll(/(?<![\w/.-])shared\/\S*|STYLE\s*§\s*\d*|\bguide at\b[^\n]*/gi)].map((m) => m[0]);
      expect(outside).toEqual([]);
    });
  });
});

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

  const inRepository = (config: EnvironmentConfig): EnvironmentConfig => ({ ...config, runbookBaseUrl: undefined, repositoryUrl: REPOSITORY });
  const ENVIRONMENTS: readonly { label: string; config: EnvironmentConfig }[] = [
    // The opt-in anomaly band on, so its runbook is linked too.
    { label: "the base environment", config: configFrom({ runbookBaseUrl: undefined, repositoryUrl: REPOSITORY, alarms: { requestAnomaly: { enabled: true } } }) },
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
      Object.values(byAddress).flatMap((r) => [r.alarm_name, r.name].filter((n): n is string => typeof n === "string").map((n) => n.replace(/^alias\//, ""))),
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

  const RUNBOOK_FILES = existsSync(RUNBOOKS) ? readdirSync(RUNBOOKS).filter((f) => f.endsWith(".md")).sort() : [];
  const runbooks = new Map(RUNBOOK_FILES.map((f) => [f, readRunbook(f)]));

  function escapeRegExp(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /** A path or name with `<placeholder>`s as a regular expression, each placeholder standing for `any`. */
  const withPlaceholders = (s: string, any: string) => s.split(/(<[^>]+>)/).map((part) => (/^<[^>]+>$/.test(part) ? any : escapeRegExp(part))).join("");

  /** Whether some file or folder of the repository matches a path that may hold `<placeholder>` segments. */
  function repositoryPathExists(path: string): boolean {
    let candidates = [ROOT];
    for (const segment of path.replace(/\/+$/, "").split("/")) {
      const pattern = new RegExp(`^${withPlaceholders(segment, "[^/]+")}$`);
      candidates = candidates.flatMap((dir) =>
        existsSync(dir) && statSync(dir).isDirectory() ? readdirSync(dir).filter((e) => pattern.test(e)).map((e) => join(dir, e)) : [],
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
    test.each(ENVIRONMENTS.map((e) => [e.label, e.config] as const))("%s: every alarm links docs/runbooks/<kind>.md at a heading it has", (_label, config) => {
      const links = runbookLinks(config);
      expect(links.length).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const { alarm, file, anchor, description } of links) {
        if (file === undefined || anchor === undefined) {
          problems.push(`${alarm}: description does not end with "Runbook: ${REPOSITORY}/docs/runbooks/<kind>.md#<anchor>" (…${JSON.stringify(description.slice(-120))})`);
          continue;
        }
        const runbook = runbooks.get(file);
        if (!runbook) problems.push(`${alarm}: links docs/runbooks/${file}, which does not exist`);
        else if (!runbook.anchors.includes(anchor)) problems.push(`${alarm}: docs/runbooks/${file} has no heading with the anchor #${anchor} (it has ${runbook.anchors.map((a) => `#${a}`).join(", ")})`);
      }
      expect(problems).toEqual([]);
    });

    test("every runbook is linked by some alarm (no orphans)", () => {
      const linked = new Set(ENVIRONMENTS.flatMap(({ config }) => runbookLinks(config).flatMap((l) => (l.file === undefined ? [] : [l.file]))));
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
          expect({ alarm: alarm.name, anchor, runbook: runbooks.get(`${anchor}.md`)?.anchors[0] }).toEqual({ alarm: alarm.name, anchor, runbook: anchor });
        }
      }
    });
  });

  describe("each alarm kind's descriptor (lib/alarms/kinds/)", () => {
    const overrides = readFileSync(join(ROOT, "docs", "alarms.md"), "utf8").split("## Overriding per environment")[1]?.split("\n## ")[0] ?? "";
    test.each(ALARM_KINDS.map((k) => [k.key] as const))("%s: its runbook docs/runbooks/<kebab-key>.md, and its row in docs/alarms.md's overrides", (key) => {
      expect({ key, runbook: runbooks.has(`${kebabOf(key)}.md`) }).toEqual({ key, runbook: true });
      expect({ key, row: overrides.split("\n").some((l) => l.startsWith("| ") && [...l.split(" | ")[0].matchAll(/`([^`]+)`/g)].some((m) => m[1] === key)) }).toEqual({ key, row: true });
    });
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
      const paths = codeSpans(runbooks.get(file)!).filter((c) => /^(lib|environments|docs|__tests__|scripts|replay|patches)\/[^\s]*$/.test(c));
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
