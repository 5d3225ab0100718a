import { spawnSync } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

// jest prints nothing of a file whose every test is skipped: the reason must reach the end of the run's output.
test("without the provider mirror, the terraform suites skip and the run ends naming why and the fix", () => {
  const r = spawnSync(process.execPath, [join(ROOT, "node_modules", "jest", "bin", "jest.js"), "--ci", "__tests__/terraform/"], {
    cwd: ROOT,
    env: { ...process.env, AXONFLOW_TF_PLUGIN_MIRROR: join(ROOT, "no-such-mirror"), AXONFLOW_REQUIRE_TERRAFORM: "" },
    encoding: "utf8",
  });
  expect(r.status).toBe(0);
  const summary = r.stderr.slice(r.stderr.indexOf("skipped for a missing tool"));
  expect(r.stderr).toContain("2 suite(s) skipped for a missing tool; the tests they hold did not run:");
  expect(
    summary.match(
      /^ {2}SKIPPED .*no hashicorp\/aws 5\.100\.0 in the plugin mirror .*no-such-mirror.*set AXONFLOW_TF_PLUGIN_MIRROR=<dir>$/gm,
    ),
  ).toHaveLength(2);
}, 60_000);
