/**
 * How big and how busy each environment is. The stack does not say (it holds alarms, not capacity), so these are the
 * replay's assumptions about AxonFlow, kept in one table: production is busy and runs several tasks per service,
 * staging runs one task each and is mostly idle.
 */
export type ServiceRole = "agent" | "orchestrator" | "customer-portal";

export const SERVICE_ROLES: readonly ServiceRole[] = ["agent", "orchestrator", "customer-portal"];

export interface ServiceSizing {
  readonly desiredTasks: number;
  /** Task definition CPU units (1024 = 1 vCPU) and memory (MiB): what Container Insights reports as reserved. */
  readonly cpuUnits: number;
  readonly memoryMiB: number;
  /** CPU % of an idle task, and what each request handled in a minute adds. */
  readonly idleCpuPercent: number;
  readonly cpuPercentPerRequest: number;
  /** Memory % a healthy task settles at. */
  readonly baseMemoryPercent: number;
}

export interface EnvironmentProfile {
  readonly name: string;
  /** Busy: a diurnal curve of steady traffic. Not busy: mostly idle, with occasional bursts (CI runs, demos). */
  readonly busy: boolean;
  /** Agent requests per minute at the quietest hour and at the peak, at traffic level "normal". */
  readonly agentRequestsPerMinute: { readonly trough: number; readonly peak: number };
  readonly portalRequestsPerMinute: { readonly trough: number; readonly peak: number };
  readonly sizing: Readonly<Record<ServiceRole, ServiceSizing>>;
}

const PROFILES: Readonly<Record<string, EnvironmentProfile>> = {
  production: {
    name: "production",
    busy: true,
    agentRequestsPerMinute: { trough: 25, peak: 800 },
    portalRequestsPerMinute: { trough: 0, peak: 40 },
    sizing: {
      agent: { desiredTasks: 3, cpuUnits: 1024, memoryMiB: 2048, idleCpuPercent: 4, cpuPercentPerRequest: 0.12, baseMemoryPercent: 38 },
      orchestrator: { desiredTasks: 3, cpuUnits: 2048, memoryMiB: 4096, idleCpuPercent: 5, cpuPercentPerRequest: 0.1, baseMemoryPercent: 45 },
      "customer-portal": { desiredTasks: 2, cpuUnits: 512, memoryMiB: 1024, idleCpuPercent: 2, cpuPercentPerRequest: 0.5, baseMemoryPercent: 30 },
    },
  },
  staging: {
    name: "staging",
    busy: false,
    agentRequestsPerMinute: { trough: 0.01, peak: 0.15 },
    portalRequestsPerMinute: { trough: 0, peak: 0.05 },
    sizing: {
      agent: { desiredTasks: 1, cpuUnits: 512, memoryMiB: 1024, idleCpuPercent: 3, cpuPercentPerRequest: 0.8, baseMemoryPercent: 40 },
      orchestrator: { desiredTasks: 1, cpuUnits: 1024, memoryMiB: 2048, idleCpuPercent: 4, cpuPercentPerRequest: 0.6, baseMemoryPercent: 42 },
      "customer-portal": { desiredTasks: 1, cpuUnits: 256, memoryMiB: 512, idleCpuPercent: 2, cpuPercentPerRequest: 1, baseMemoryPercent: 35 },
    },
  },
};

export function environmentProfile(environment: string): EnvironmentProfile {
  const p = PROFILES[environment];
  if (!p) throw new Error(`no traffic profile for environment ${environment}; the replay knows ${Object.keys(PROFILES).join(", ")}`);
  return p;
}

/** The role a topology service plays in the request path; each role has its own behaviour in the world. */
export function roleOf(service: string, topologyFile: string): ServiceRole {
  if ((SERVICE_ROLES as readonly string[]).includes(service)) return service as ServiceRole;
  throw new Error(`${topologyFile}: output.monitored_resources.value.services.${service}: the replay has no behaviour model for it; known: ${SERVICE_ROLES.join(", ")}`);
}
