import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fixtureEnvironment } from "../support/environments";
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
  const linkTargets = (md: MarkdownFile) =>
    [...withoutCodeSpans(md.prose).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]);

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
    if (NOT_IN_REPOSITORY.includes(inRepository.split(sep)[0]))
      return `${shown(absolute)} is generated or installed, not part of the repository`;
    if (!existsSync(absolute)) return `${shown(absolute)} does not exist`;
    if (anchor === undefined) return undefined;
    if (!absolute.endsWith(".md") || statSync(absolute).isDirectory())
      return `#${anchor} on ${shown(absolute)}, which is not a Markdown file`;
    const anchors = readMarkdown(absolute).anchors;
    return anchors.includes(anchor)
      ? undefined
      : `${shown(absolute)} has no heading #${anchor} (it has ${anchors.map((a) => `#${a}`).join(", ")})`;
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
    return rows.slice(2).map((r) =>
      r
        .trim()
        .replace(/^\|/, "")
        .split(/(?<!\\)\|/)[0]
        .trim(),
    );
  }

  // ---- the tests ------------------------------------------------------------------------------------------------

  const readme = readMarkdown(README);

  describe("README.md", () => {
    test(`is a front door: at most ${MAX_README_LINES} lines`, () => {
      expect(readme.text.trimEnd().split("\n").length).toBeLessThanOrEqual(MAX_README_LINES);
    });

    test("its quick start runs npm test and every other test command .ci/run runs", () => {
      const quickStart = readme.text.slice(
        readme.text.indexOf("## Quick start"),
        readme.text.indexOf("\n## ", readme.text.indexOf("## Quick start") + 1),
      );
      expect(quickStart).toMatch(/\bnpm test\b/);
      const ciTests = readFileSync(join(ROOT, ".ci", "run"), "utf8")
        .split("\n")
        .filter((l) => /^npm (test|run test:)/.test(l));
      expect(ciTests).toEqual(expect.arrayContaining(["npm test", "npm run test:app"]));
      for (const command of ciTests) expect(quickStart).toContain(command);
    });

    test("its Scripts table lists every npm script of package.json", () => {
      const scripts = Object.keys(
        (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts,
      );
      expect(scripts.length).toBeGreaterThan(0);
      const commands = firstColumn(section(readme, "Scripts")).flatMap(codeSpans);
      const lifecycleShortcuts = ["test", "start", "stop", "restart"];
      const listed = (script: string) =>
        commands.some(
          (c) =>
            c === script ||
            c === `npm run ${script}` ||
            c.startsWith(`npm run ${script} `) ||
            (lifecycleShortcuts.includes(script) && (c === `npm ${script}` || c.startsWith(`npm ${script} `))),
        );
      expect(scripts.filter((s) => !listed(s))).toEqual([]);
    });

    test("links every page of docs/ (no orphaned documentation)", () => {
      const linked = new Set(linkTargets(readme).map((t) => resolve(ROOT, t.split("#")[0])));
      const pages = readdirSync(DOCS)
        .filter((f) => f.endsWith(".md"))
        .map((f) => join(DOCS, f));
      expect(pages.filter((p) => !linked.has(p)).map(shown)).toEqual([]);
    });
  });

  describe("README.md's alarm table and the synthesized catalog", () => {
    const PREFIX = "axonflow-production-";
    const alarmNames = (tf: TerraformJson) =>
      ["aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm"].flatMap((type) =>
        Object.values(tf.resource[type] ?? {}).map((r) => String(r.alarm_name)),
      );

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
      const everything = {
        ...production,
        alarms: { ...production.alarms, requestAnomaly: { ...production.alarms.requestAnomaly, enabled: true } },
      };
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
      const paths = codeSpans(md.prose).filter((c) =>
        /^(lib|environments|docs|__tests__|scripts|replay|patches|\.github|\.ci)\/\S*$/.test(c),
      );
      expect(paths.filter((p) => !repositoryPathExists(p))).toEqual([]);
    });

    test("placeholders such as <env> stay in code (GitHub drops them from prose as unknown HTML tags)", () => {
      const prose = md.prose.replace(/`[^`]+`/g, "");
      expect([...prose.matchAll(/<[A-Za-z][^>\s]*>/g)].map((m) => m[0])).toEqual([]);
    });

    test('sends the reader to nothing outside this repository (no shared/, no STYLE §, no "the guide at …")', () => {
      const outside = [...md.text.matchAll(/(?<![\w/.-])shared\/\S*|STYLE\s*§\s*\d*|\bguide at\b[^\n]*/gi)].map((m) => m[0]);
      expect(outside).toEqual([]);
    });
  });
});
