import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HANDOFF_FILE } from "../../lib/handoff/handoff-document";
import { loadAllEnvironments } from "../../lib/config/load";
import { FIXTURE_ENVIRONMENTS_DIR } from "../support/environments";
import { synthesizeInto } from "../support/synth";

/**
 * What ships, as a reviewer sees it: each fixture environment's cdk.tf.json and HANDOFF.md as `app.synth()` writes
 * them. Any change to the output shows in the snapshot's diff; update with `npx jest __tests__/stack/snapshots -u`
 * and say why in the commit.
 */
const FIXTURES = { shipped: FIXTURE_ENVIRONMENTS_DIR, "any-services": join(FIXTURE_ENVIRONMENTS_DIR, "..", "any-services") };

describe.each(Object.entries(FIXTURES))("snapshots of the %s fixtures", (_kind, dir) => {
  const outdir = mkdtempSync(join(tmpdir(), "axonflow-snapshots-"));
  const configs = loadAllEnvironments(dir);
  synthesizeInto(outdir, configs);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  describe.each(configs.map((c) => [c.name] as const))("%s", (name) => {
    const file = (f: string) => readFileSync(join(outdir, "stacks", name, f), "utf8");

    test("cdk.tf.json", () => {
      expect(JSON.parse(file("cdk.tf.json"))).toMatchSnapshot();
    });

    test("HANDOFF.md", () => {
      expect(file(HANDOFF_FILE)).toMatchSnapshot();
    });
  });
});
