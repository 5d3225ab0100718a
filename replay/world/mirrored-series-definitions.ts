import { parse } from "yaml";
import { isJsonObject } from "../json-object";
import { resourcesOfType, type StackJson } from "./stack-json";

/**
 * What the stack's CloudWatch agent sidecars scrape and publish, read from their SSM parameters (the agent's
 * configuration and its Prometheus scrape configuration, as the sidecar receives them): per scraped service, the
 * namespace, the scrape interval, and each metric declaration's selectors and dimension sets. The world publishes
 * exactly what these select, as the agent would.
 */
export interface MetricDeclarationDefinition {
  readonly selectors: readonly RegExp[];
  readonly dimensions: readonly (readonly string[])[];
}

export interface MirroredScrape {
  /** The service whose tasks run the sidecar: the `Service` label of its scrape target. */
  readonly service: string;
  readonly intervalSeconds: number;
  readonly namespace: string;
  readonly declarations: readonly MetricDeclarationDefinition[];
}

const AGENT_CONFIG = /\/cloudwatch-agent\/([a-z]+)\/agent-config$/;

export function mirroredScrapesFromStack(stack: StackJson): MirroredScrape[] {
  const parameters = Object.entries(resourcesOfType(stack, "aws_ssm_parameter"));
  const byName = new Map(parameters.map(([address, block]) => [String(block.name), { address, block }] as const));
  const out: MirroredScrape[] = [];
  for (const [name, { address, block }] of byName) {
    const component = AGENT_CONFIG.exec(name)?.[1];
    if (component === undefined) continue;
    const where = `${stack.file}: resource.aws_ssm_parameter.${address}.insecure_value`;
    const scrapeName = name.replace(/agent-config$/, "prometheus-config");
    const scrape = byName.get(scrapeName);
    if (scrape === undefined) throw new Error(`${where}: no parameter ${scrapeName} beside it; the sidecar needs both`);
    const agent = jsonOf(block.insecure_value, where);
    const prometheus = at(agent, ["logs", "metrics_collected", "prometheus"], where);
    const emf = at(prometheus, ["emf_processor"], where);
    const namespace = emf.metric_namespace;
    if (typeof namespace !== "string") throw new Error(`${where}: emf_processor.metric_namespace: expected a string`);
    const scrapeWhere = `${stack.file}: resource.aws_ssm_parameter.${scrape.address}.insecure_value`;
    const config = parse(String(scrape.block.insecure_value)) as unknown;
    const interval =
      isJsonObject(config) && isJsonObject(config.global) ? /^(\d+)s$/.exec(String(config.global.scrape_interval))?.[1] : undefined;
    const jobs = isJsonObject(config) && Array.isArray(config.scrape_configs) ? config.scrape_configs : [];
    const job = jobs.length === 1 && isJsonObject(jobs[0]) ? jobs[0] : undefined;
    const target = job && Array.isArray(job.static_configs) && isJsonObject(job.static_configs[0]) ? job.static_configs[0] : undefined;
    const service = target && isJsonObject(target.labels) ? target.labels.Service : undefined;
    if (interval === undefined || job === undefined || typeof service !== "string") {
      throw new Error(
        `${scrapeWhere}: expected global.scrape_interval as <n>s and one scrape job with a Service label on its static target`,
      );
    }
    const declarations = Array.isArray(emf.metric_declaration) ? emf.metric_declaration : [];
    out.push({
      service,
      intervalSeconds: Number(interval),
      namespace,
      declarations: declarations.map((d, i) => {
        const dw = `${where}: metric_declaration[${i}]`;
        if (!isJsonObject(d) || !Array.isArray(d.metric_selectors) || !Array.isArray(d.dimensions))
          throw new Error(`${dw}: expected metric_selectors and dimensions`);
        // Every declaration of this sidecar's agent matches its one job (the bridge's configuration check holds that).
        if (typeof d.label_matcher !== "string" || !new RegExp(d.label_matcher).test(String(job.job_name)))
          throw new Error(`${dw}: label_matcher does not match the job ${String(job.job_name)}`);
        return {
          selectors: d.metric_selectors.map((s) => new RegExp(String(s))),
          dimensions: d.dimensions.map((set) => (Array.isArray(set) ? set.map(String) : [])),
        };
      }),
    });
  }
  return out.sort((a, b) => a.service.localeCompare(b.service));
}

function jsonOf(value: unknown, where: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(String(value)) as unknown;
    if (isJsonObject(parsed)) return parsed;
  } catch {
    // reported below
  }
  throw new Error(`${where}: not the CloudWatch agent's JSON configuration`);
}

function at(o: Record<string, unknown>, path: readonly string[], where: string): Record<string, unknown> {
  let v: unknown = o;
  for (const k of path) v = isJsonObject(v) ? v[k] : undefined;
  if (!isJsonObject(v)) throw new Error(`${where}: ${path.join(".")}: missing`);
  return v;
}
