import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "../../lib/config/errors";
import { loadAllEnvironments, loadFile, MAX_FILE_BYTES } from "../../lib/config/load";
import { BAD_DIR, BAD_FIXTURES, PAIR_DIR, STACK_TRACE } from "../support/bad-corpus";
import { escapeRegExp } from "../../lib/regexp";

/**
 * The bad-input corpus: every file in __tests__/fixtures/bad/ must be rejected with a message naming the file and
 * the field (or the YAML line, or "(root)"/"(file)" where no field exists). Each fixture states what it expects in
 * leading comments: `# expect: <where (regex)>: <message (regex)>`.
 */

interface Expectation { where: string; message: string }

function expectationsOf(bytes: Buffer): Expectation[] {
  // Latin-1 with NULs dropped reads the ASCII header of UTF-8, Latin-1 and UTF-16 files alike.
  const text = bytes.toString("latin1").replace(/\0/g, "");
  return [...text.matchAll(/^[^\n#]*# expect: (.+?): (.+)$/gm)].map((m) => ({ where: m[1], message: m[2].trim() }));
}

test("the corpus holds at least 40 bad files (plus the duplicate-name pair), each declaring what it expects", () => {
  expect(BAD_FIXTURES.length).toBeGreaterThanOrEqual(40);
  for (const f of [...BAD_FIXTURES.map((n) => join(BAD_DIR, n)), ...readdirSync(PAIR_DIR).map((n) => join(PAIR_DIR, n))]) {
    expect({ f, declaresExpectations: expectationsOf(readFileSync(f)).length > 0 }).toEqual({ f, declaresExpectations: true });
  }
});

describe.each(BAD_FIXTURES)("%s", (name) => {
  const file = join(BAD_DIR, name);
  const result = loadFile(file);
  const problems = result.ok ? [] : result.problems;

  test("is rejected", () => expect(result.ok).toBe(false));

  test.each(expectationsOf(readFileSync(file)).map((e) => [`${e.where}: ${e.message}`, e] as const))("names the file and where: %s", (_, e) => {
    const pattern = new RegExp(`^${escapeRegExp(file)}: ${e.where}: .*${e.message}`);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(pattern)]));
  });

  test("every problem starts with the file and carries no stack trace", () => {
    for (const p of problems) {
      expect(p.startsWith(`${file}: `)).toBe(true);
      expect(p).not.toMatch(STACK_TRACE);
    }
  });
});

test("two files naming the same environment: both are named, with the field", () => {
  let error: unknown;
  try {
    loadAllEnvironments(PAIR_DIR);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConfigError);
  const problems = (error as ConfigError).problems;
  expect(problems).toEqual([expect.stringMatching(new RegExp(`^${escapeRegExp(PAIR_DIR)}/eu-prod(-copy)?\\.yaml: name: environment "twin" is already defined by ${escapeRegExp(PAIR_DIR)}/eu-prod(-copy)?\\.yaml`))]);
});

describe("a 10 MB file (generated, not committed)", () => {
  const dir = mkdtempSync(join(tmpdir(), "axonflow-huge-"));
  const file = join(dir, "huge.yaml");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("is refused by size before it is decoded or parsed", () => {
    // Neither UTF-8 nor YAML: the one problem reported being the size shows that the size is checked before the
    // bytes are decoded or parsed (how fast that is would be the benchmark's business, not a timed assertion's).
    const line = "# padding to make an oversized environment file\n";
    const padding = Buffer.from(line.repeat(Math.ceil((10 * 1024 * 1024) / line.length)));
    writeFileSync(file, Buffer.concat([Buffer.from('accountId: [\n\xff\xfe: "\n', "latin1"), padding]));
    const result = loadFile(file);
    expect(result).toEqual({ ok: false, problems: [expect.stringMatching(new RegExp(`^${escapeRegExp(file)}: \\(file\\): file is \\d{8} bytes; allowed: at most ${MAX_FILE_BYTES} bytes$`))] });
  });
});
