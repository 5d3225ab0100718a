import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { loadAllEnvironments } from "../lib/config/load";
import { ciMatrices } from "../scripts/ci/matrices";
import { asNewEnvironment, ENVIRONMENTS_DIR, FIXTURE_ENVIRONMENTS_DIR, shippedEnvironments } from "./support/environments";
import { synthesized, synthesizeInto } from "./support/synth";

describe("the shipped environment files", () => {
  /**
   * The user's environment files, whichever they are: every one loads, is named after its file and synthesizes
   * with the guard rails on. Behaviour is tested on fixtures elsewhere; this file only iterates what is there.
   */
  const files = readdirSync(ENVIRONMENTS_DIR)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const configs = shippedEnvironments();

  test("at least one environment file, and one stack per file", () => {
    expect(files.length).toBeGreaterThan(0);
    expect(configs.map((c) => c.sourceFile.replace(/^.*[\\/]/, "")).sort()).toEqual(files);
  });

  describe.each(configs.map((c) => [c.name, c] as const))("%s", (name, config) => {
    const { tf } = synthesized(config);

    test("synthesizes with the guard rails on, into one stack named after the environment", () => {
      expect(tf.output?.dashboard_url.value).toContain(`AxonFlow-${name}`);
    });

    test("every alarm carries the environment's prefix", () => {
      const alarms = [
        ...Object.values(tf.resource.aws_cloudwatch_metric_alarm ?? {}),
        ...Object.values(tf.resource.aws_cloudwatch_composite_alarm ?? {}),
      ];
      expect(alarms.length).toBeGreaterThan(0);
      for (const a of alarms) expect(a.alarm_name).toMatch(new RegExp(`^axonflow-${name}-`));
    });
  });
});

const ROOT = join(__dirname, "..");
const text = readFileSync(join(ROOT, ".github", "workflows", "cdktf.yml"), "utf8");

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  environment?: string;
  outputs?: Record<string, string>;
  strategy?: { matrix: { include?: string } };
  steps: Step[];
}
const workflow = parse(text) as { on: Record<string, unknown>; jobs: Record<string, Job> };
const { jobs } = workflow;
const runs = (job: Job) => job.steps.map((s) => s.run ?? "").join("\n");
const roleOf = (job: Job) => job.steps.find((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials"))?.with?.["role-to-assume"];
// GitHub: secret names are letters, digits and _, not starting with a digit or GITHUB_.
const SECRET_NAME = /^(?!GITHUB_)[A-Z_][A-Z0-9_]*$/;

describe("the example GitHub Actions workflow", () => {
  test("runs on pull requests and on pushes to main; synthesizes and runs every test with real terraform", () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(["pull_request", "push"]));
    expect(workflow.on.push).toEqual({ branches: ["main"] });
    expect(runs(jobs.test)).toMatch(/npm run synth\b/);
    expect(jobs.test.steps.find((s) => s.run === "npm test")).toMatchObject({ env: { AXONFLOW_REQUIRE_TERRAFORM: "1" } });
    expect(runs(jobs.test)).toMatch(/^npm run test:app$/m);
  });

  test("every matrix comes from the synthesized stacks, none is written out", () => {
    expect(jobs.test.steps.find((s) => s.id === "matrices")?.run).toBe('node --require tsx/cjs scripts/ci-matrix.ts >> "$GITHUB_OUTPUT"');
    expect(jobs.diff.strategy?.matrix.include).toBe("${{ fromJSON(needs.test.outputs.environments) }}");
    expect(jobs.deploy.strategy?.matrix.include).toBe("${{ fromJSON(needs.test.outputs.first) }}");
    expect(jobs["deploy-paging"].strategy?.matrix.include).toBe("${{ fromJSON(needs.test.outputs.paging) }}");
    expect(JSON.stringify(workflow)).not.toMatch(/\b(production|staging)\b/);
  });

  test("uploads every environment's dashboard preview (page and screenshot) for review, after the browser test ran unskipped", () => {
    // The browser test keeps its screenshots where it is told; preview --all writes its pages into cdktf.out/previews/.
    expect(jobs.test.steps.find((s) => s.run === "npm run test:app")?.env).toMatchObject({
      AXONFLOW_REQUIRE_BROWSER: "1",
      AXONFLOW_SCREENSHOTS_DIR: "cdktf.out/previews",
    });
    expect(runs(jobs.test)).toContain("npm run preview -- --all");
    const upload = jobs.test.steps.find(
      (s) => s.uses?.startsWith("actions/upload-artifact") && String(s.with?.path).includes("previews/*.html"),
    );
    expect(String(upload?.with?.path).split("\n")).toEqual(
      expect.arrayContaining(["cdktf.out/previews/*.html", "cdktf.out/previews/*.png"]),
    );
  });

  test("diff reads a plan role by a secret name every environment name can have", () => {
    expect(roleOf(jobs.diff)).toBe("${{ secrets[format('AWS_PLAN_ROLE_ARN_{0}', matrix.secret)] }}");
    expect(runs(jobs.diff)).toContain("npx cdktf diff ${{ matrix.environment }}");
  });

  test("deploys every environment in its own GitHub environment: non-paging ones first, then the paging ones", () => {
    for (const name of ["deploy", "deploy-paging"]) {
      expect(jobs[name].environment).toBe("${{ matrix.environment }}");
      expect(roleOf(jobs[name])).toBe("${{ secrets.AWS_ROLE_ARN }}");
      expect(runs(jobs[name])).toContain("npx cdktf deploy ${{ matrix.environment }} --auto-approve");
      expect(jobs[name].if).toMatch(/github\.ref == 'refs\/heads\/main'/);
    }
    expect(jobs["deploy-paging"].needs).toEqual(["test", "deploy"]);
    // Runs when the first wave succeeded or had nothing to deploy.
    expect(jobs["deploy-paging"].if).toContain(`contains(fromJSON('["success", "skipped"]'), needs.deploy.result)`);
  });

  test("diff and deploy refuse local state", () => {
    for (const name of ["diff", "deploy", "deploy-paging"]) expect(runs(jobs[name])).toContain('[ "$AXONFLOW_BACKEND" = local ]');
  });

  test("every secret and variable it reads is documented in docs/ci.md", () => {
    const docs = readFileSync(join(ROOT, "docs", "ci.md"), "utf8");
    const names = new Set([...text.matchAll(/\b(?:secrets|vars)\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]));
    names.add("AWS_PLAN_ROLE_ARN_<ENVIRONMENT>"); // read by format() per matrix entry
    expect(names.size).toBeGreaterThan(5);
    for (const n of names) expect(docs).toContain(`\`${n}\``);
  });
});

describe("the matrices for the environment files", () => {
  test("an added environment (eu-staging) is diffed and deployed with no edit to the workflow", () => {
    const work = mkdtempSync(join(tmpdir(), "axonflow-ci-"));
    try {
      const envDir = join(work, "environments");
      const outdir = join(work, "cdktf.out");
      mkdirSync(envDir);
      for (const f of readdirSync(FIXTURE_ENVIRONMENTS_DIR)) copyFileSync(join(FIXTURE_ENVIRONMENTS_DIR, f), join(envDir, f));
      writeFileSync(
        join(envDir, "eu-staging.yaml"),
        asNewEnvironment(readFileSync(join(FIXTURE_ENVIRONMENTS_DIR, "staging.yaml"), "utf8")),
      );
      synthesizeInto(outdir, loadAllEnvironments(envDir));

      const m = ciMatrices(outdir);
      expect(m.environments.map((e) => e.environment)).toEqual(["eu-staging", "production", "staging"]);
      expect(m.environments.find((e) => e.environment === "eu-staging")?.secret).toBe("EU_STAGING");
      for (const e of m.environments) expect(`AWS_PLAN_ROLE_ARN_${e.secret}`).toMatch(SECRET_NAME);
      // Each environment in exactly one deploy wave; the one that pages after the others.
      expect(m.first.map((e) => e.environment)).toEqual(["eu-staging", "staging"]);
      expect(m.paging.map((e) => e.environment)).toEqual(["production"]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });

  test("environments with renamed services and a fourth of each role get the same waves", () => {
    const work = mkdtempSync(join(tmpdir(), "axonflow-ci-any-"));
    try {
      const outdir = join(work, "cdktf.out");
      synthesizeInto(outdir, loadAllEnvironments(join(FIXTURE_ENVIRONMENTS_DIR, "..", "any-services")));
      const m = ciMatrices(outdir);
      expect(m.environments.map((e) => e.environment)).toEqual(["big-production", "small-staging"]);
      expect(m.first.map((e) => e.environment)).toEqual(["small-staging"]);
      expect(m.paging.map((e) => e.environment)).toEqual(["big-production"]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
