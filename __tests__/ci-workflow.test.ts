import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";

const ROOT = join(__dirname, "..");
const text = readFileSync(join(ROOT, ".github", "workflows", "cdktf.yml"), "utf8");
const readme = readFileSync(join(ROOT, "README.md"), "utf8");

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  if?: string;
  environment?: string;
  strategy?: { matrix: Record<string, unknown> };
  steps: Step[];
}
const workflow = parse(text) as { on: Record<string, unknown>; jobs: Record<string, Job> };
const { jobs } = workflow;
const runs = (job: Job) => job.steps.map((s) => s.run ?? "").join("\n");

describe("the example GitHub Actions workflow", () => {
  test("runs on pull requests and on pushes to main", () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(["pull_request", "push"]));
    expect(workflow.on.push).toEqual({ branches: ["main"] });
  });

  test("synthesizes and runs every test with real terraform (no skip allowed)", () => {
    expect(runs(jobs.test)).toMatch(/npm run synth\b/);
    expect(runs(jobs.test)).toMatch(/npm test\b/);
    expect(jobs.test.steps.find((s) => s.run === "npm test")).toMatchObject({ env: { AXONFLOW_REQUIRE_TERRAFORM: "1" } });
  });

  test("diffs every synthesized environment on pull requests, as a matrix from the manifest", () => {
    expect(jobs.diff.if).toMatch(/github\.event_name == 'pull_request'/);
    expect(jobs.diff.needs).toBe("test");
    expect(jobs.diff.strategy?.matrix.environment).toBe("${{ fromJSON(needs.test.outputs.environments) }}");
    expect(runs(jobs.test)).toContain("jq -c '.stacks | keys' cdktf.out/manifest.json");
    expect(runs(jobs.diff)).toContain("npx cdktf diff ${{ matrix.environment }}");
  });

  test("deploys staging on main, then production behind the production environment's approval", () => {
    expect(jobs["deploy-staging"].if).toMatch(/github\.ref == 'refs\/heads\/main'/);
    expect(jobs["deploy-staging"].environment).toBe("staging");
    expect(runs(jobs["deploy-staging"])).toContain("npx cdktf deploy staging --auto-approve");
    expect(jobs["deploy-production"].needs).toBe("deploy-staging");
    expect(jobs["deploy-production"].environment).toBe("production");
    expect(runs(jobs["deploy-production"])).toContain("npx cdktf deploy production --auto-approve");
  });

  test("diff and deploy refuse local state", () => {
    for (const name of ["diff", "deploy-staging", "deploy-production"]) expect(runs(jobs[name])).toContain('[ "$AXONFLOW_BACKEND" = local ]');
  });

  test("every secret and variable it reads is documented in the README", () => {
    const names = new Set([...text.matchAll(/\b(?:secrets|vars)\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]));
    names.add("AWS_PLAN_ROLE_ARN_<ENV>"); // read by format() per matrix entry
    expect(names.size).toBeGreaterThan(5);
    for (const n of names) expect(readme).toContain(`\`${n}\``);
  });
});
