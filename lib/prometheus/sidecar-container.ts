/** Where the sidecar reads its two configurations (ARNs for the task's secrets, names for the policies). */
export interface SidecarParameters {
  readonly agentConfigArn: string;
  readonly prometheusConfigArn: string;
  readonly agentConfigName: string;
  readonly prometheusConfigName: string;
}

export const SIDECAR_NAME = "cloudwatch-agent";

/**
 * The container definition to add to the component's ECS task definition, as AWS documents the agent on ECS:
 * its configurations as secrets from Parameter Store. Not essential: a broken sidecar must not stop AxonFlow.
 */
export function sidecarContainer(image: string, p: SidecarParameters): Record<string, unknown> {
  return {
    name: SIDECAR_NAME,
    image,
    essential: false,
    cpu: 64,
    memoryReservation: 128,
    secrets: [
      { name: "CW_CONFIG_CONTENT", valueFrom: p.agentConfigArn },
      { name: "PROMETHEUS_CONFIG_CONTENT", valueFrom: p.prometheusConfigArn },
    ],
  };
}
