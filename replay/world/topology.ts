import { z } from "zod";
import { LOG_FORMATS, type LogFormat } from "../../lib/config/log-formats";
import { SERVICE_ROLES, type ServiceRole } from "../../lib/config/service-roles";
import { isJsonObject } from "../json-object";
import { type MirroredScrape, mirroredScrapesFromStack } from "./mirrored-series-definitions";
import { resolveLiteral, resourcesOfType, type StackJson } from "./stack-json";

/**
 * What the replayed world is made of, read from the stack's `monitored_resources` output: the
 * ALB, the ECS cluster, each service's log group / ECS service / target group, the two SNS topics and the LLM
 * providers; the CloudWatch agent sidecars from their SSM parameters. The stack's own metric filters are read
 * separately (metric-filter-definitions.ts).
 */
export interface ServiceResources {
  readonly name: string;
  /** public: behind the load balancer; internal: called by `calledBy`; worker: takes no requests. */
  readonly role: ServiceRole;
  readonly calledBy?: string;
  readonly logGroup: string;
  /** Absent: the service does not run on ECS, so no AWS/ECS or Container Insights series exist for it. */
  readonly ecsService?: string;
  /** Absent: the ALB does not route to it (the orchestrator is reached by the agent only). */
  readonly targetGroup?: string;
  /** Writes heartbeat lines while it runs; false (AxonFlow's own services): idle means silent. */
  readonly writesHeartbeats: boolean;
  /** Writes a line for each request it serves; false: only its failures and lifecycle. */
  readonly logsEachRequest: boolean;
  /** How its lines are written: the world writes them so, and the stack's metric filters read them. */
  readonly logFormat: LogFormat;
}

export interface Topology {
  readonly file: string;
  readonly region: string;
  /** ALB ARN suffix, the value of the `LoadBalancer` dimension. */
  readonly loadBalancer: string;
  readonly cluster: string;
  readonly services: readonly ServiceResources[];
  /** `alerts` is the ticket route, `pages` the paging route (absent: the environment never pages). */
  readonly topics: { readonly alerts: string; readonly pages?: string };
  /** Subscriptions per topic name (aws_sns_topic_subscription): each notification is one delivery per subscription. */
  readonly subscriptionsPerTopic: Readonly<Record<string, number>>;
  /** The LLM providers the orchestrator routes to; absent where the stack mirrors no Prometheus series. */
  readonly llmProviders?: readonly string[];
  /** What the CloudWatch agent sidecars scrape and publish (none without the Prometheus bridge). */
  readonly mirrored: readonly MirroredScrape[];
}

const serviceSchema = z
  .object({
    role: z.enum(SERVICE_ROLES),
    called_by: z.string().min(1).optional(),
    log_group: z.string().regex(/^\/[\w./#-]+$/, "a CloudWatch log group name such as /axonflow/production/agent"),
    ecs_service: z.string().min(1).optional(),
    target_group: z
      .string()
      .regex(/^targetgroup\/[\w-]+\/[0-9a-f]+$/, "a target group ARN suffix, targetgroup/<name>/<hex id>")
      .optional(),
    writes_heartbeats: z.boolean(),
    logs_each_request: z.boolean(),
    log_format: z.enum(LOG_FORMATS),
  })
  .strict();

const monitoredResourcesSchema = z
  .object({
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "an AWS region such as us-east-1"),
    load_balancer: z.string().regex(/^app\/[\w-]+\/[0-9a-f]+$/, "an ALB ARN suffix, app/<name>/<hex id>"),
    cluster: z.string().min(1),
    services: z.record(z.string().min(1), serviceSchema).refine((s) => Object.keys(s).length > 0, "at least one service"),
    // No `pages`: the environment has no paging route and never pages.
    topics: z.object({ alerts: z.string().min(1), pages: z.string().min(1).optional() }).strict(),
    llm_providers: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();

const OUTPUT = "output.monitored_resources.value";

export function topologyFromStack(stack: StackJson): Topology {
  const output = stack.json.output;
  const entry = isJsonObject(output) ? output.monitored_resources : undefined;
  if (!isJsonObject(entry) || !("value" in entry)) {
    throw new Error(
      `${stack.file}: ${OUTPUT}: missing; the stack must output monitored_resources (load balancer, cluster, services, topics)`,
    );
  }
  const parsed = monitoredResourcesSchema.safeParse(entry.value, { reportInput: true });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const got = i.input === undefined || (typeof i.input === "object" && i.input !== null) ? "" : `; received ${JSON.stringify(i.input)}`;
      return `${stack.file}: ${[OUTPUT, ...i.path.map(String)].join(".")}: ${i.message}${got}`;
    });
    throw new Error(problems.join("\n"));
  }
  const v = parsed.data;
  const services = Object.entries(v.services).map(([name, s]) => ({
    name,
    role: s.role,
    ...(s.called_by === undefined ? {} : { calledBy: s.called_by }),
    logGroup: s.log_group,
    ...(s.ecs_service === undefined ? {} : { ecsService: s.ecs_service }),
    ...(s.target_group === undefined ? {} : { targetGroup: s.target_group }),
    writesHeartbeats: s.writes_heartbeats,
    logsEachRequest: s.logs_each_request,
    logFormat: s.log_format,
  }));
  return {
    file: stack.file,
    region: v.region,
    loadBalancer: v.load_balancer,
    cluster: v.cluster,
    services,
    topics: { alerts: v.topics.alerts, ...(v.topics.pages === undefined ? {} : { pages: v.topics.pages }) },
    subscriptionsPerTopic: subscriptionsPerTopic(stack),
    ...(v.llm_providers === undefined ? {} : { llmProviders: v.llm_providers }),
    mirrored: mirroredScrapesFromStack(stack),
  };
}

function subscriptionsPerTopic(stack: StackJson): Record<string, number> {
  const topicNameByAddress = new Map<string, string>();
  for (const [address, topic] of Object.entries(resourcesOfType(stack, "aws_sns_topic"))) {
    if (typeof topic.name === "string") topicNameByAddress.set(address, topic.name);
  }
  const counts: Record<string, number> = {};
  for (const [address, sub] of Object.entries(resourcesOfType(stack, "aws_sns_topic_subscription"))) {
    const ref = typeof sub.topic_arn === "string" ? /^\$\{aws_sns_topic\.([\w-]+)\.arn\}$/.exec(sub.topic_arn) : null;
    const name = ref ? topicNameByAddress.get(ref[1]) : undefined;
    if (name === undefined) {
      // An ARN literal or a topic outside the stack: count it by the ARN's last part, as SNS names topics.
      const literal = resolveLiteral(stack, sub.topic_arn, `resource.aws_sns_topic_subscription.${address}.topic_arn`);
      const last = literal.split(":").pop() ?? literal;
      counts[last] = (counts[last] ?? 0) + 1;
    } else {
      counts[name] = (counts[name] ?? 0) + 1;
    }
  }
  return counts;
}
