import { parse } from "yaml";
import { AXONFLOW_SERIES, GO_RUNTIME_SERIES } from "../../lib/prometheus/axonflow-series";
import { agentConfigProblems, cloudWatchAgentConfig, type ScrapeJob, scrapeConfigYaml } from "../../lib/prometheus/cloudwatch-agent-config";
import { expectedSeriesCount } from "../../lib/prometheus/mirrored-signals";

const orchestrator: ScrapeJob = {
  component: "orchestrator",
  service: "orchestrator",
  port: 8081,
  path: "/prometheus",
  signals: ["llmCalls", "orchestratorBlockedRequests"],
};
const to = { clusterName: "axonflow-test", logGroupName: "/axonflow/test/cloudwatch-agent/prometheus", namespace: "AxonFlow/test" };

type Declaration = { source_labels: string[]; label_matcher: string; dimensions: string[][]; metric_selectors: string[] };
const declarationsOf = (config: Record<string, unknown>) =>
  (config as { logs: { metrics_collected: { prometheus: { emf_processor: { metric_declaration: Declaration[] } } } } }).logs
    .metrics_collected.prometheus.emf_processor.metric_declaration;

describe("the CloudWatch agent configuration", () => {
  test("its selectors pick exactly the mirrored series among everything the orchestrator's endpoint serves", () => {
    const served = [...AXONFLOW_SERIES.filter((s) => s.component === "orchestrator").map((s) => s.name), ...GO_RUNTIME_SERIES];
    const selectors = declarationsOf(cloudWatchAgentConfig(orchestrator, to)).flatMap((d) => d.metric_selectors.map((r) => new RegExp(r)));
    // Written out: a test reading MIRRORED_SIGNALS would pass if the catalog named the wrong series.
    expect(served.filter((name) => selectors.some((r) => r.test(name))).sort()).toEqual([
      "axonflow_orchestrator_blocked_requests_total",
      "axonflow_orchestrator_llm_calls_total",
    ]);
  });

  test("dimensions are the service and the series' own labels; the matcher admits only this job", () => {
    const [llm, blocked] = declarationsOf(cloudWatchAgentConfig(orchestrator, to));
    expect(llm.dimensions).toEqual([["Service", "provider", "status"]]);
    expect(blocked.dimensions).toEqual([["Service"]]);
    expect(new RegExp(llm.label_matcher).test("axonflow-orchestrator")).toBe(true);
    expect(new RegExp(llm.label_matcher).test("axonflow-orchestrator-2")).toBe(false);
    expect(llm.source_labels).toEqual(["job"]);
  });

  test("as built, no problems: documented keys only, selectors compile and select what is mirrored", () => {
    expect(agentConfigProblems(cloudWatchAgentConfig(orchestrator, to), orchestrator)).toEqual([]);
  });

  test.each<[string, (c: Record<string, unknown>) => void, RegExp]>([
    [
      "a misspelt key",
      (c) => ((c.logs as Record<string, unknown>).metrics_colected = {}),
      /^logs\.metrics_colected: not a key the CloudWatch agent documents; allowed: metrics_collected/,
    ],
    [
      "a selector that does not compile",
      (c) => (declarationsOf(c)[0].metric_selectors = ["^axonflow_(orchestrator$"]),
      /metric_declaration\[0\]: "\^axonflow_\(orchestrator\$" is not a regular expression/,
    ],
    [
      "a selector that also picks another series",
      (c) => (declarationsOf(c)[1].metric_selectors = ["^axonflow_orchestrator_.*_total$"]),
      /selects axonflow_orchestrator_requests_total, which is not mirrored/,
    ],
    [
      "a mirrored series nothing selects",
      (c) => declarationsOf(c).pop(),
      /^axonflow_orchestrator_blocked_requests_total: mirrored, but no metric_declaration selects it$/,
    ],
    [
      "a dimension the series lacks",
      (c) => (declarationsOf(c)[1].dimensions = [["Service", "provider"]]),
      /dimension provider is not a label of axonflow_orchestrator_blocked_requests_total/,
    ],
    [
      "a matcher of another job",
      (c) => (declarationsOf(c)[0].label_matcher = "^axonflow-agent$"),
      /label_matcher \^axonflow-agent\$ does not match the job axonflow-orchestrator/,
    ],
  ])("refuses %s", (_, spoil, problem) => {
    const config = cloudWatchAgentConfig(orchestrator, to);
    spoil(config);
    expect(agentConfigProblems(config, orchestrator)).toEqual(expect.arrayContaining([expect.stringMatching(problem)]));
  });

  test("the scrape configuration: the component's port and path on localhost, its service as a target label", () => {
    const yaml = parse(scrapeConfigYaml(orchestrator, 30)) as { global: Record<string, string>; scrape_configs: Record<string, unknown>[] };
    expect(yaml.global).toEqual({ scrape_interval: "30s", scrape_timeout: "10s" });
    expect(yaml.scrape_configs).toEqual([
      {
        job_name: "axonflow-orchestrator",
        metrics_path: "/prometheus",
        static_configs: [{ targets: ["localhost:8081"], labels: { Service: "orchestrator" } }],
      },
    ]);
  });
});

describe("mirrored series counts", () => {
  test("llmCalls: a success per listed provider, mock's, and unknown's error; status signals: one per status AxonFlow writes", () => {
    expect(expectedSeriesCount("llmCalls", ["openai", "anthropic", "bedrock"])).toBe(5);
    expect(expectedSeriesCount("agentRequests", [])).toBe(4);
    expect(expectedSeriesCount("orchestratorRequests", [])).toBe(3);
    expect(expectedSeriesCount("agentBlockedRequests", [])).toBe(1);
  });
});
