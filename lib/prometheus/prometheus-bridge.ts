import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamPolicy } from "@cdktf/provider-aws/lib/iam-policy";
import { SsmParameter } from "@cdktf/provider-aws/lib/ssm-parameter";
import { TerraformOutput } from "cdktf";
import { Construct } from "constructs";
import { partitionOf } from "../aws-arn";
import type { PrometheusConfig } from "../config/prometheus-schema";
import type { EnvContext } from "../context";
import { APPLICATION } from "../naming";
import { type PolicyDocument, renderPolicyDocument } from "../policy/policy-document";
import { AXONFLOW_COMPONENTS } from "./axonflow-series";
import {
  agentConfigProblems,
  cloudWatchAgentConfig,
  type ScrapeJob,
  SERVICE_LABEL,
  scrapeConfigYaml,
  STANDARD_PARAMETER_BYTES,
} from "./cloudwatch-agent-config";
import { componentOf, expectedSeriesCount, MIRRORED_SIGNALS } from "./mirrored-signals";
import { type SidecarParameters, sidecarContainer } from "./sidecar-container";

export interface PrometheusBridgeProps {
  readonly env: EnvContext;
  readonly config: PrometheusConfig;
  readonly clusterName: string;
  /** The environment's log settings, for the group the agent writes its embedded-metric-format events to. */
  readonly retentionDays: number;
  readonly kmsKeyArn?: string;
}

interface MirroredJob {
  readonly job: ScrapeJob;
  readonly parameters: SidecarParameters;
}

/** One mirrored series, for HANDOFF.md and the cost estimate. */
export interface MirroredSeries {
  readonly service: string;
  readonly series: string;
  readonly dimensions: readonly string[];
  /** CloudWatch metrics it becomes: one per combination of dimension values AxonFlow writes. */
  readonly metrics: number;
}

/**
 * The CloudWatch agent's side of the Prometheus bridge: per scraped component, its two configurations in SSM
 * Parameter Store (where the agent reads them on ECS, as task secrets), the log group of its embedded-metric-format
 * events, least-privilege policies for the task and execution roles, and the sidecar to add to the task definition,
 * which this stack does not own.
 */
export class PrometheusBridge extends Construct {
  readonly namespace: string;
  readonly logGroupName: string;
  readonly image: string;
  readonly series: readonly MirroredSeries[];
  /** The services whose task definitions get the sidecar. */
  readonly sidecarServices: readonly string[];
  readonly policyNames: { readonly task: string; readonly execution: string };

  constructor(scope: Construct, id: string, props: PrometheusBridgeProps) {
    super(scope, id);
    const { env, config } = props;
    this.namespace = env.naming.metricNamespace;
    // Not /axonflow/<env>/<service>: a service may be called anything, never a path with a slash.
    this.logGroupName = `${env.naming.logGroup()}/cloudwatch-agent/prometheus`;
    const group = new CloudwatchLogGroup(this, "emf-log-group", {
      name: this.logGroupName,
      retentionInDays: props.retentionDays,
      kmsKeyId: props.kmsKeyArn,
      tags: { Environment: env.name, Application: APPLICATION },
    });

    const jobs: MirroredJob[] = [];
    for (const component of AXONFLOW_COMPONENTS) {
      const signals = config.mirror.filter((s) => componentOf(s) === component);
      if (signals.length === 0) continue;
      const job: ScrapeJob = { component, ...config[component], signals };
      const agentConfig = cloudWatchAgentConfig(job, {
        clusterName: props.clusterName,
        logGroupName: this.logGroupName,
        namespace: this.namespace,
      });
      const problems = agentConfigProblems(agentConfig, job);
      if (problems.length > 0) throw new Error(`CloudWatch agent configuration of the ${component}:\n${problems.join("\n")}`);
      const values = { agent: JSON.stringify(agentConfig), prometheus: scrapeConfigYaml(job, config.scrapeIntervalSeconds) };
      const parameter = (what: keyof typeof values) => {
        const value = values[what];
        if (Buffer.byteLength(value) > STANDARD_PARAMETER_BYTES)
          throw new Error(
            `${component} ${what} configuration: ${Buffer.byteLength(value)} bytes, over the standard SSM tier's ${STANDARD_PARAMETER_BYTES}`,
          );
        const name = `${env.naming.logGroup()}/cloudwatch-agent/${component}/${what}-config`;
        const resource = new SsmParameter(this, `${component}-${what}-config`, {
          name,
          description:
            `CloudWatch agent ` +
            `${what === "agent" ? "configuration" : "Prometheus scrape configuration"} of ` +
            `the AxonFlow ${component} sidecar (${env.name})`,
          type: "String",
          tier: "Standard",
          // Not a secret: shown in plans, so a reviewer sees what the sidecar will scrape and publish.
          insecureValue: value,
          tags: { Environment: env.name, Application: APPLICATION },
        });
        return { arn: resource.arn, name };
      };
      const agent = parameter("agent");
      const prometheus = parameter("prometheus");
      jobs.push({
        job,
        parameters: {
          agentConfigArn: agent.arn,
          prometheusConfigArn: prometheus.arn,
          agentConfigName: agent.name,
          prometheusConfigName: prometheus.name,
        },
      });
    }
    this.image = config.agentImage;
    this.sidecarServices = jobs.map((j) => j.job.service);
    this.series = jobs.flatMap(({ job }) =>
      job.signals.map((key) => ({
        service: job.service,
        series: MIRRORED_SIGNALS[key].series,
        dimensions: [SERVICE_LABEL, ...MIRRORED_SIGNALS[key].dimensions],
        metrics: expectedSeriesCount(key, config.llmProviders),
      })),
    );
    this.policyNames = { task: env.naming.resource("cloudwatch-agent-task"), execution: env.naming.resource("cloudwatch-agent-config") };

    const arn = (service: string, resource: string) =>
      `arn:${partitionOf(env.region)}:${service}:${env.region}:${env.accountId}:${resource}`;
    const groupArn = arn("logs", `log-group:${this.logGroupName}`);
    const taskPolicy: PolicyDocument = {
      Version: "2012-10-17",
      Statement: [
        // Embedded metric format is log events: CloudWatch extracts the metrics, so no cloudwatch:PutMetricData.
        {
          Sid: "DescribeAndCreateStreams",
          Effect: "Allow",
          Action: ["logs:CreateLogStream", "logs:DescribeLogStreams"],
          Resource: [groupArn, `${groupArn}:*`],
        },
        { Sid: "PutEmbeddedMetricEvents", Effect: "Allow", Action: ["logs:PutLogEvents"], Resource: [`${groupArn}:log-stream:*`] },
      ],
    };
    const parameterArns = jobs
      .flatMap((j) => [j.parameters.agentConfigName, j.parameters.prometheusConfigName])
      .map((name) => arn("ssm", `parameter${name}`));
    const executionPolicy: PolicyDocument = {
      Version: "2012-10-17",
      // ECS reads a task's `secrets` with the execution role, through GetParameters.
      Statement: [{ Sid: "ReadSidecarConfiguration", Effect: "Allow", Action: ["ssm:GetParameters"], Resource: parameterArns }],
    };
    const task = new IamPolicy(this, "task-policy", {
      name: this.policyNames.task,
      description: `CloudWatch agent sidecar of AxonFlow ${env.name}: write its embedded-metric-format events (attach to the task role)`,
      policy: renderPolicyDocument(taskPolicy),
      dependsOn: [group],
    });
    const execution = new IamPolicy(this, "execution-policy", {
      name: this.policyNames.execution,
      description: `CloudWatch agent sidecar of AxonFlow ${env.name}: read its configuration parameters (attach to the task execution role)`,
      policy: renderPolicyDocument(executionPolicy),
    });

    new TerraformOutput(this, "sidecars", {
      staticId: true,
      description:
        "Per AxonFlow component: the ECS service whose task definition gets the CloudWatch " +
        "agent sidecar, its container definition, and the policies for its roles",
      value: Object.fromEntries(
        jobs.map(({ job, parameters }) => [
          job.component,
          {
            service: job.service,
            container_definition: sidecarContainer(config.agentImage, parameters),
            task_role_policy_arn: task.arn,
            execution_role_policy_arn: execution.arn,
          },
        ]),
      ),
    });
    new TerraformOutput(this, "mirrored_metrics_namespace", { staticId: true, value: this.namespace });
  }
}
