import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { agentConfigProblems, type ScrapeJob } from "../../lib/prometheus/cloudwatch-agent-config";
import { fixtureEnvironment, problemsFor } from "../support/environments";
import { synthesizeInto } from "../support/synth";

/** The fixture environments synthesized to disk, read back as terraform and the replay read them. */
const outdir = join(mkdtempSync(join(tmpdir(), "axonflow-bridge-")), "cdktf.out");
const production = fixtureEnvironment("production");
const staging = fixtureEnvironment("staging");
beforeAll(() => synthesizeInto(outdir, [production, staging]));
afterAll(() => rmSync(join(outdir, ".."), { recursive: true, force: true }));

type Tf = { resource: Record<string, Record<string, Record<string, unknown>>>; output: Record<string, { value: unknown }> };
const stack = (env: string) => JSON.parse(readFileSync(join(outdir, "stacks", env, "cdk.tf.json"), "utf8")) as Tf;
const handoff = (env: string) => readFileSync(join(outdir, "stacks", env, "HANDOFF.md"), "utf8");
const parameters = (tf: Tf) =>
  Object.values(tf.resource.aws_ssm_parameter ?? {}) as { name: string; type: string; tier: string; insecure_value: string }[];
const policy = (tf: Tf, name: string) => {
  const found = Object.values(tf.resource.aws_iam_policy).find((p) => p.name === name);
  if (found === undefined) throw new Error(`no policy ${name}`);
  return JSON.parse(found.policy as string) as { Statement: { Action: string[]; Resource: string[] }[] };
};

describe("production (prometheus section on): what the sidecars need, synthesized", () => {
  test("per component, its agent and scrape configuration as plain standard-tier parameters", () => {
    expect(parameters(stack("production")).map((p) => [p.name, p.type, p.tier])).toEqual([
      ["/axonflow/production/cloudwatch-agent/agent/agent-config", "String", "Standard"],
      ["/axonflow/production/cloudwatch-agent/agent/prometheus-config", "String", "Standard"],
      ["/axonflow/production/cloudwatch-agent/orchestrator/agent-config", "String", "Standard"],
      ["/axonflow/production/cloudwatch-agent/orchestrator/prometheus-config", "String", "Standard"],
    ]);
  });

  test("each shipped agent configuration passes the agent's documented keys and selects exactly its signals", () => {
    const byName = new Map(parameters(stack("production")).map((p) => [p.name, p.insecure_value]));
    const jobs: ScrapeJob[] = [
      { component: "agent", service: "agent", port: 8080, path: "/prometheus", signals: ["agentRequests", "agentBlockedRequests"] },
      {
        component: "orchestrator",
        service: "orchestrator",
        port: 8081,
        path: "/prometheus",
        signals: ["llmCalls", "orchestratorRequests", "orchestratorBlockedRequests"],
      },
    ];
    for (const job of jobs) {
      const config = JSON.parse(byName.get(`/axonflow/production/cloudwatch-agent/${job.component}/agent-config`)!) as Record<
        string,
        unknown
      >;
      expect({ component: job.component, problems: agentConfigProblems(config, job) }).toEqual({ component: job.component, problems: [] });
      expect(byName.get(`/axonflow/production/cloudwatch-agent/${job.component}/prometheus-config`)).toContain(`- localhost:${job.port}`);
    }
  });

  test("the execution role reads exactly these parameters; the task role writes only the bridge's log group, and no metrics API", () => {
    const tf = stack("production");
    const read = policy(tf, "axonflow-production-cloudwatch-agent-config").Statement;
    expect(read.flatMap((s) => s.Action)).toEqual(["ssm:GetParameters"]);
    expect(read.flatMap((s) => s.Resource)).toEqual(
      parameters(tf).map((p) => `arn:aws:ssm:${production.region}:${production.accountId}:parameter${p.name}`),
    );
    const write = policy(tf, "axonflow-production-cloudwatch-agent-task").Statement;
    expect(write.flatMap((s) => s.Action).sort()).toEqual(["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"]);
    const group = `arn:aws:logs:${production.region}:${production.accountId}:log-group:/axonflow/production/cloudwatch-agent/prometheus`;
    const written = write.flatMap((s) => s.Resource);
    expect(written.length).toBeGreaterThan(0);
    for (const resource of written) expect(resource.startsWith(group)).toBe(true);
    const groups = Object.values(tf.resource.aws_cloudwatch_log_group).filter(
      (g) => g.name === "/axonflow/production/cloudwatch-agent/prometheus",
    );
    expect(groups).toEqual([expect.objectContaining({ retention_in_days: production.logs.retentionDays })]);
  });

  test("output sidecars: per component the service to change, its container definition reading both parameters as secrets", () => {
    const tf = stack("production");
    const sidecars = tf.output.sidecars.value as Record<
      string,
      { service: string; container_definition: { name: string; essential: boolean; secrets: { name: string; valueFrom: string }[] } }
    >;
    expect(Object.keys(sidecars)).toEqual(["agent", "orchestrator"]);
    const address = (name: string) => Object.entries(tf.resource.aws_ssm_parameter).find(([, p]) => p.name === name)![0];
    expect(sidecars.orchestrator.service).toBe("orchestrator");
    expect(sidecars.orchestrator.container_definition).toMatchObject({ name: "cloudwatch-agent", essential: false });
    expect(sidecars.orchestrator.container_definition.secrets).toEqual([
      {
        name: "CW_CONFIG_CONTENT",
        valueFrom: `\${aws_ssm_parameter.${address("/axonflow/production/cloudwatch-agent/orchestrator/agent-config")}.arn}`,
      },
      {
        name: "PROMETHEUS_CONFIG_CONTENT",
        valueFrom: `\${aws_ssm_parameter.${address("/axonflow/production/cloudwatch-agent/orchestrator/prometheus-config")}.arn}`,
      },
    ]);
  });

  test("HANDOFF.md: the sidecars to add, the mirrored series and their monthly cost", () => {
    const doc = handoff("production");
    expect(doc).toContain("## Prometheus bridge: 5 series mirrored");
    expect(doc).toMatch(/^- `orchestrator`: add the container definition of output `sidecars`/m);
    expect(doc).toContain("| `orchestrator` | `axonflow_orchestrator_llm_calls_total` | Service, provider, status | 4 |");
    // openai and anthropic succeed, mock (skip_llm) succeeds, unknown errors: 4; requests 4 + 3 statuses; blocked 1 + 1.
    expect(doc).toMatch(/^\| Custom metrics mirrored from Prometheus \| 13 × metric \| \$0\.30 \| \$3\.90 \|/m);
  });
});

describe("staging (no prometheus section): nothing of it", () => {
  test("no parameters, no sidecar output, no bridge log group or policy, no HANDOFF section", () => {
    const tf = stack("staging");
    expect(tf.resource.aws_ssm_parameter).toBeUndefined();
    expect(tf.output.sidecars).toBeUndefined();
    expect(Object.values(tf.resource.aws_iam_policy).map((p) => p.name)).toEqual(["axonflow-staging-log-shipping"]);
    expect(Object.values(tf.resource.aws_cloudwatch_log_group).map((g) => g.name)).not.toContain(
      "/axonflow/staging/cloudwatch-agent/prometheus",
    );
    expect(handoff("staging")).not.toContain("Prometheus");
  });
});

describe("the prometheus section of an environment file", () => {
  test.each<[string, Record<string, unknown>, string, RegExp]>([
    [
      "a signal AxonFlow does not publish",
      { prometheus: { mirror: ["llmLatency"] } },
      "prometheus.mirror.0",
      /must be one of agentRequests, .*llmCalls/,
    ],
    ["a signal twice", { prometheus: { mirror: ["llmCalls", "llmCalls"] } }, "prometheus.mirror", /names a signal twice/],
    ["no signal", { prometheus: { mirror: [] } }, "prometheus.mirror", /at least one signal/],
    [
      "a component's service the file lacks",
      { prometheus: { orchestrator: { service: "llm-gateway" } } },
      "prometheus.orchestrator.service",
      /"llm-gateway" is not a service of this file, .*allowed: agent, orchestrator/,
    ],
    [
      "a scrape interval the agent cannot honour per minute",
      { prometheus: { scrapeIntervalSeconds: 45 } },
      "prometheus.scrapeIntervalSeconds",
      /must be one of 15, 30, 60/,
    ],
    [
      "a provider name AxonFlow would not write",
      { prometheus: { llmProviders: ["Open AI"] } },
      "prometheus.llmProviders.0",
      /provider name as AxonFlow writes it/,
    ],
  ])("refuses %s, naming the field", (_, patch, field, rule) => {
    const mine = problemsFor(patch).filter((p) => p.startsWith(`environments/test.yaml: ${field}: `));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatch(rule);
  });
});
