import { parse } from "yaml";
import { alarmNamed, alarmNames, ALERTS_TOPIC_ARN, compositeAlarms } from "../support/alarms";
import { configFrom, problemsFor } from "../support/environments";
import { resourcesOf, synthesized, type TerraformJson } from "../support/synth";

/**
 * The alarms on the series the Prometheus bridge mirrors (llm-failure-share, llm-provider-share-<provider>,
 * policy-block-spike): where they exist, what the file may not ask, and that each reads a metric the sidecars
 * really publish, checked against the synthesized agent configurations.
 */
const FILE = "environments/test.yaml";
const MIRRORED_KINDS = /^axonflow-test-(llm-failure-share|llm-provider-share-.+|policy-block-spike)$/;
const mirroredAlarms = (tf: TerraformJson) =>
  alarmNames(tf)
    .filter((n) => MIRRORED_KINDS.test(n))
    .sort();

describe("alarms on the mirrored Prometheus series", () => {
  test("none without a prometheus section", () => {
    const config = configFrom();
    expect([config.alarms.llmFailureShare.enabled, config.alarms.llmProviderShare.enabled, config.alarms.policyBlockSpike.enabled]).toEqual(
      [false, false, false],
    );
    expect(mirroredAlarms(synthesized(config).tf)).toEqual([]);
  });

  test("on where the bridge mirrors their signals (the default mirror): one share alarm per provider", () => {
    const { tf } = synthesized(configFrom({ prometheus: { llmProviders: ["openai", "anthropic", "bedrock"] } }));
    expect(mirroredAlarms(tf)).toEqual(
      [
        "llm-failure-share",
        "llm-provider-share-anthropic",
        "llm-provider-share-bedrock",
        "llm-provider-share-openai",
        "policy-block-spike",
      ].map((n) => `axonflow-test-${n}`),
    );
  });

  test("only those whose signals are mirrored; the file's own enabled wins", () => {
    expect(mirroredAlarms(synthesized(configFrom({ prometheus: { mirror: ["llmCalls"] } })).tf)).toEqual([
      "axonflow-test-llm-failure-share",
      "axonflow-test-llm-provider-share-anthropic",
      "axonflow-test-llm-provider-share-openai",
    ]);
    expect(
      mirroredAlarms(
        synthesized(configFrom({ prometheus: {}, alarms: { llmProviderShare: { enabled: false }, policyBlockSpike: { enabled: false } } }))
          .tf,
      ),
    ).toEqual(["axonflow-test-llm-failure-share"]);
  });

  test("enabled without its signals, the file is refused, naming the field and the missing signals", () => {
    expect(problemsFor({ alarms: { llmFailureShare: { enabled: true } } })).toEqual([
      `${FILE}: alarms.llmFailureShare.enabled: reads the mirrored signals ` +
        `llmCalls, which this file does not mirror (no prometheus section): the alarm ` +
        `would never see a datapoint; allowed: false here, or mirror them`,
    ]);
    expect(problemsFor({ prometheus: { mirror: ["llmCalls", "agentRequests"] }, alarms: { policyBlockSpike: { enabled: true } } })).toEqual(
      [
        `${FILE}: alarms.policyBlockSpike.enabled: reads the mirrored signals ` +
          `agentBlockedRequests, which prometheus.mirror does not list: the alarm ` +
          `would never see a datapoint; allowed: false here, or mirror them`,
      ],
    );
  });

  test("a provider left out on purpose (weight 0) has no share alarm; one not routed to is refused; a single provider has none", () => {
    const excluded = synthesized(configFrom({ prometheus: {}, alarms: { llmProviderShare: { excludeProviders: ["anthropic"] } } })).tf;
    expect(mirroredAlarms(excluded).filter((n) => n.includes("provider-share"))).toEqual(["axonflow-test-llm-provider-share-openai"]);
    expect(problemsFor({ prometheus: {}, alarms: { llmProviderShare: { excludeProviders: ["mistral"] } } })).toEqual([
      `${FILE}: alarms.llmProviderShare.excludeProviders.0: "mistral" is not a provider of prometheus.llmProviders; allowed: openai, anthropic`,
    ]);
    const single = synthesized(configFrom({ prometheus: { llmProviders: ["openai"] } })).tf;
    expect(mirroredAlarms(single)).toEqual(["axonflow-test-llm-failure-share", "axonflow-test-policy-block-spike"]);
  });

  test("more providers than one alarm can read (10 metrics) are refused at prometheus.llmProviders", () => {
    const providers = Array.from({ length: 10 }, (_, i) => `p${i}`);
    expect(problemsFor({ prometheus: { llmProviders: providers } })).toEqual([
      `${FILE}: prometheus.llmProviders: 10 providers; the llmFailureShare alarm reads ` +
        `each one's answers plus the failures, and CloudWatch allows 10 metrics per alarm; ` +
        `allowed: at most 9, or alarms.llmFailureShare.enabled: false`,
    ]);
  });

  test("the longest names allowed still fit CloudWatch's 1024-character description: 9 providers of 40 characters, a 512-character runbook site", () => {
    const providers = Array.from({ length: 9 }, (_, i) => `p${i}${"x".repeat(38)}`);
    const site = "https://runbooks.example.com/";
    const config = configFrom({ prometheus: { llmProviders: providers }, runbookBaseUrl: site + "r".repeat(512 - site.length) });
    expect(mirroredAlarms(synthesized(config).tf)).toHaveLength(11);
  });

  test("the failure share pages where the environment pages, and tickets where it does not", () => {
    const paging = synthesized(configFrom({ prometheus: {} })).tf;
    const page = compositeAlarms(paging).find((a) => a.alarm_name === "axonflow-test-page");
    expect(String(page?.alarm_rule)).toContain('ALARM("axonflow-test-llm-failure-share")');
    const quiet = synthesized(configFrom({ prometheus: {}, paging: undefined })).tf;
    expect(alarmNamed(quiet, "axonflow-test-llm-failure-share").alarm_actions).toEqual([expect.stringMatching(ALERTS_TOPIC_ARN)]);
    expect(compositeAlarms(quiet).map((a) => a.alarm_name)).not.toContain("axonflow-test-page");
  });

  describe("each reads only metrics the sidecars publish", () => {
    const { tf } = synthesized(configFrom({ prometheus: { llmProviders: ["openai", "anthropic", "bedrock"] } }));
    /** Per Service label: the namespace and each declaration's selectors and dimension sets, from the SSM parameters. */
    const parameters = Object.values(resourcesOf(tf, "aws_ssm_parameter"));
    const parameter = (name: string) => parameters.find((p) => p.name === name)?.insecure_value;
    const published = parameters
      .filter((p) => String(p.name).endsWith("/agent-config"))
      .map((p) => {
        const emf = JSON.parse(String(p.insecure_value)).logs.metrics_collected.prometheus.emf_processor;
        const scrape = parse(String(parameter(String(p.name).replace(/agent-config$/, "prometheus-config"))));
        return {
          service: scrape.scrape_configs[0].static_configs[0].labels.Service as string,
          namespace: emf.metric_namespace as string,
          declarations: emf.metric_declaration as { metric_selectors: string[]; dimensions: string[][] }[],
        };
      });
    const mirrored = Object.values(resourcesOf(tf, "aws_cloudwatch_metric_alarm")).filter((a) => MIRRORED_KINDS.test(String(a.alarm_name)));

    test.each(mirrored.map((a) => [String(a.alarm_name), a] as const))("%s", (_name, alarm) => {
      const metrics = (
        alarm.metric_query as { metric?: { namespace: string; metric_name: string; dimensions: Record<string, string> } }[]
      ).flatMap((q) => (q.metric ? [q.metric] : []));
      const custom = metrics.filter((m) => m.namespace === "AxonFlow/test");
      expect(custom.length).toBeGreaterThan(0);
      for (const m of custom) {
        const sidecar = published.find((p) => p.service === m.dimensions.Service && p.namespace === m.namespace);
        const declared = sidecar?.declarations.some(
          (d) =>
            d.metric_selectors.some((s) => new RegExp(s).test(m.metric_name)) &&
            d.dimensions.some((set) => [...set].sort().join() === Object.keys(m.dimensions).sort().join()),
        );
        expect({ metric: m, declared }).toEqual({ metric: m, declared: true });
      }
    });
  });
});
