import { execFile, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { Testing } from "cdktf";
import fc from "fast-check";
import { stringify } from "yaml";
import { localBackend } from "../../lib/backend";
import { loadFromText } from "../../lib/config/load";
import { EnvironmentStack } from "../../lib/stack";
import { terraformIn, terraformReadyIn, validateOnly, writeOfflineOverride } from "../../scripts/offline-terraform";
import { ROOT, runApp } from "../support/app-process";
import { validEnvironment } from "../support/environment-arbitraries";
import { FIXTURE_ENVIRONMENTS_DIR, fixtureEnvironment, shippedEnvironments } from "../support/environments";
import { synthesizeInto } from "../support/synth";
import { withOwnProvider } from "./reattached-provider";
import { describeWithTerraform } from "./terraform-harness";

const execFileAsync = promisify(execFile);

describeWithTerraform("real terraform for the commands around the stacks, hashicorp/aws 5.100.0", ({ setup, validator }) => {
  describe("npm run synth:hcl output", () => {
    // One environment: every stack's HCL comes from the same renderer, and validate-plan.test.ts plans every
    // stack's JSON. validate only: it proves terraform parses and accepts the HCL.
    const env = shippedEnvironments()[0].name;
    const outdir = mkdtempSync(join(tmpdir(), "axonflow-hcl-"));
    afterAll(() => rmSync(outdir, { recursive: true, force: true }));
    let run: ReturnType<typeof validateOnly>;

    beforeAll(() => {
      // The app as `cdktf synth --hcl` runs it: the CLI only sets SYNTH_HCL_OUTPUT=true and CDKTF_OUTDIR.
      const app = runApp({ SYNTH_HCL_OUTPUT: "true", CDKTF_OUTDIR: outdir });
      if (app.status !== 0) throw new Error(`HCL synth failed:\n${app.stderr}`);
      run = validator().serially((tfEnv) => validateOnly(setup, join(outdir, "stacks", env), tfEnv));
      run.catch(() => undefined); // reported by the test that awaits it
    });

    test(`${env}: cdk.tf (and no cdk.tf.json) validates, warning only about cdktf's quoted depends_on`, async () => {
      const files = readdirSync(join(outdir, "stacks", env));
      expect(files).toEqual(expect.arrayContaining(["cdk.tf", "HANDOFF.md"]));
      expect(files).not.toContain("cdk.tf.json");
      const validate = await run;
      const result = JSON.parse(validate) as { valid: boolean; error_count: number; diagnostics: { severity: string; summary: string }[] };
      expect(result).toMatchObject({ valid: true, error_count: 0 });
      // cdktf's HCL renderer writes depends_on entries as quoted strings, which Terraform 1.x accepts with a
      // deprecation warning; any other warning is ours to fix.
      const warnings = new Set(result.diagnostics.filter((d) => d.severity === "warning").map((d) => d.summary));
      expect([...warnings].filter((w) => w !== "Quoted references are deprecated")).toEqual([]);
    }, 120_000);
  });

  describe("npm run plan", () => {
    /**
     * `npm run plan -- <env>` (its second half, after the synth): a real plan with no AWS account and no network, of
     * a random valid environment (fixed seed: the same one every run; the in-process property tests cover many more).
     */
    // With a paging endpoint variable, whose real value (TF_VAR_paging_endpoint) must not reach the saved plan.
    const [random] = fc.sample(validEnvironment, { seed: 20240607, numRuns: 1 }).map((data) => {
      const paging = { emails: ["pager@example.com"], endpointVariable: true };
      const result = loadFromText("environments/random-0.yaml", stringify({ ...data, paging }));
      if (!result.ok) throw new Error(result.problems.join("\n"));
      return result.config;
    });
    const outdir = join(mkdtempSync(join(tmpdir(), "axonflow-plan-")), "cdktf.out");
    beforeAll(() => synthesizeInto(outdir, [random]));
    afterAll(() => rmSync(join(outdir, ".."), { recursive: true, force: true }));
    const planCommand = ["--require", "tsx/cjs", join(ROOT, "scripts", "plan.ts")];
    // No credentials of any kind, and an AWS endpoint nothing answers: the plan must not need AWS.
    const planEnv = {
      ...process.env,
      CDKTF_OUTDIR: outdir,
      AWS_ACCESS_KEY_ID: "",
      AWS_SECRET_ACCESS_KEY: "",
      AWS_PROFILE: "",
      AWS_ENDPOINT_URL: "http://127.0.0.1:9",
    };
    const secret = "https://events.example.invalid/integration/REAL-SECRET-KEY";

    test(`npm run plan: plans a random valid environment (${random.name} in ${random.region}) ` +
      `offline, saves the plan and lock beside the stack, without the secret`, async () => {
      const env = { ...planEnv, TF_VAR_paging_endpoint: secret };
      // What the replay wrote into HANDOFF.md stays: the plan does not synthesize again.
      const handoff = join(outdir, "stacks", random.name, "HANDOFF.md");
      writeFileSync(handoff, `${readFileSync(handoff, "utf8")}\nreplayed: holds\n`);
      const r = await withOwnProvider(setup, (tfEnv) =>
        execFileAsync("npm", ["run", "--silent", "plan", "--", random.name], { cwd: ROOT, env: { ...env, ...tfEnv } }),
      );
      expect(readFileSync(handoff, "utf8")).toMatch(/\nreplayed: holds\n$/);
      expect(r.stderr).toBe("");
      expect(r.stdout).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy\./);
      expect(r.stdout).not.toMatch(/Warning:/);
      const stack = join(outdir, "stacks", random.name);
      // No override, no .terraform: nothing that `cdktf deploy` would pick up.
      expect(readdirSync(stack).sort()).toEqual([".terraform.lock.hcl", "HANDOFF.md", "cdk.tf.json", "offline-plan"]);
      expect(readdirSync(join(stack, "offline-plan")).sort()).toEqual(["plan.json", "plan.txt", "tfplan"]);
      expect(readFileSync(join(stack, ".terraform.lock.hcl"), "utf8")).toMatch(
        /provider "registry.terraform.io\/hashicorp\/aws" \{\s+version\s+= "5.100.0"/,
      );
      const text = readFileSync(join(stack, "offline-plan", "plan.txt"), "utf8");
      expect(text).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy\./);
      const json = JSON.parse(readFileSync(join(stack, "offline-plan", "plan.json"), "utf8")) as {
        variables: Record<string, { value: unknown }>;
        resource_changes: unknown[];
      };
      expect(json.variables.paging_endpoint.value).toBe("https://offline-plan.invalid/paging_endpoint");
      expect(json.resource_changes.length).toBe(Number(/Plan: (\d+) to add/.exec(text)?.[1]));
      for (const file of ["tfplan", "plan.txt", "plan.json"])
        expect(readFileSync(join(stack, "offline-plan", file)).includes("REAL-SECRET-KEY")).toBe(false);
    }, 120_000);

    test("a second plan keeps the stack's lock file as it is", async () => {
      const lock = join(outdir, "stacks", random.name, ".terraform.lock.hcl");
      const reviewed = `${readFileSync(lock, "utf8")}# reviewed\n`;
      writeFileSync(lock, reviewed);
      const r = await withOwnProvider(setup, (tfEnv) =>
        execFileAsync(process.execPath, [...planCommand, random.name], { cwd: ROOT, env: { ...planEnv, ...tfEnv } }),
      );
      expect(r.stdout).toMatch(/\.terraform\.lock\.hcl was already there and is kept/);
      expect(readFileSync(lock, "utf8")).toBe(reviewed);
    }, 120_000);

    test("an unknown environment: usage and the synthesized ones, exit 2", () => {
      const r = spawnSync(process.execPath, [...planCommand, "qa"], { cwd: ROOT, env: planEnv, encoding: "utf8" });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`no stack "qa" in .*; synthesized: ${random.name}`));
    });
  });

  describe("log group protection", () => {
    /** A state holding one existing log group, as after a first apply (written by hand: no AWS offline). */
    function stateWithLogGroup(address: string, name: string, arnBase: string): string {
      const attributes = {
        arn: `${arnBase}${name}`,
        id: name,
        name,
        name_prefix: "",
        kms_key_id: "",
        log_group_class: "STANDARD",
        retention_in_days: 90,
        skip_destroy: true,
        tags: {},
        tags_all: {},
      };
      const resource = {
        mode: "managed",
        type: "aws_cloudwatch_log_group",
        name: address,
        provider: 'provider["registry.terraform.io/hashicorp/aws"]',
        instances: [{ schema_version: 0, attributes, sensitive_attributes: [] }],
      };
      return JSON.stringify({
        version: 4,
        terraform_version: "1.5.0",
        serial: 1,
        lineage: "00000000-0000-4000-8000-000000000000",
        outputs: {},
        resources: [resource],
      });
    }

    test("production: a destroy plan for a protected log group fails with prevent_destroy", async () => {
      const config = fixtureEnvironment("production");
      expect(config.logs.protect).toBe(true);
      const dir = join(Testing.fullSynth(new EnvironmentStack(Testing.app(), config, { backend: localBackend })), "stacks", config.name);
      writeOfflineOverride(dir);
      const tf = JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) as {
        resource: Record<string, Record<string, { name: string }>>;
      };
      const [address, group] = Object.entries(tf.resource.aws_cloudwatch_log_group)[0];
      writeFileSync(
        join(dir, "offline-plan.tfstate"),
        stateWithLogGroup(address, group.name, `arn:aws:logs:${config.region}:${config.accountId}:log-group:`),
      );
      const plan = withOwnProvider(setup, async (tfEnv) =>
        (await terraformReadyIn(setup, dir, tfEnv))("plan", "-destroy", "-input=false", "-no-color", "-refresh=false", "-lock=false"),
      );
      await expect(plan).rejects.toThrow(/Instance cannot be destroyed[\s\S]*prevent_destroy/);
    }, 120_000);
  });

  describe("Terraform's working state survives a synth", () => {
    test("synth, terraform init in a stack, synth again: .terraform/ and the provider lock are still there", async () => {
      const work = mkdtempSync(join(tmpdir(), "axonflow-working-state-"));
      try {
        const outdir = join(work, "cdktf.out");
        const synth = () => {
          const r = runApp({ AXONFLOW_ENVIRONMENTS_DIR: FIXTURE_ENVIRONMENTS_DIR, CDKTF_OUTDIR: outdir });
          if (r.status !== 0) throw new Error(r.stderr);
        };
        synth();
        const stack = join(outdir, "stacks", "staging");
        await terraformIn(setup, stack)("init", "-backend=false", "-input=false", "-no-color");
        const lock = readFileSync(join(stack, ".terraform.lock.hcl"), "utf8");
        expect(lock).toContain('provider "registry.terraform.io/hashicorp/aws"');
        synth();
        expect(existsSync(join(stack, ".terraform", "providers"))).toBe(true);
        expect(readFileSync(join(stack, ".terraform.lock.hcl"), "utf8")).toBe(lock);
        expect(existsSync(join(stack, "cdk.tf.json"))).toBe(true);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    }, 120_000);
  });
});
