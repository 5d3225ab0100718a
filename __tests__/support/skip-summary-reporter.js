// A jest reporter: after jest's own summary, the suites skipped for a missing tool (terraform, its provider mirror,
// Chromium), each with its fix. jest prints nothing of a test file whose every test is skipped, so without this a
// run without terraform ends "2 skipped, … passed" and the reason is lost. Plain CommonJS: jest loads reporters untransformed.
const { mkdtempSync, readFileSync, rmSync } = require("node:fs");
const { tmpdir } = require("node:os");
const { join } = require("node:path");

class SkipSummaryReporter {
  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), "axonflow-skips-"));
    this.log = join(this.dir, "skips.txt");
    // Set before jest starts its workers, which inherit it (__tests__/support/skip-log.ts writes there).
    process.env.AXONFLOW_SKIP_LOG = this.log;
  }

  onRunComplete() {
    let lines = [];
    try {
      lines = [
        ...new Set(
          readFileSync(this.log, "utf8")
            .split("\n")
            .filter((l) => l.trim() !== ""),
        ),
      ];
    } catch {
      // No suite skipped.
    }
    rmSync(this.dir, { recursive: true, force: true });
    if (lines.length === 0) return;
    process.stderr.write(
      `\n${lines.length} suite(s) skipped for a missing tool; the tests they hold did not run:\n${lines.map((l) => `  ${l}\n`).join("")}`,
    );
  }
}

module.exports = SkipSummaryReporter;
