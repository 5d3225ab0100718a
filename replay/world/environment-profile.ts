/**
 * How big and how busy each environment is. The stack does not say (it holds alarms, not capacity), so these are the
 * replay's assumptions about AxonFlow, kept in one table: production is busy and runs several tasks per service,
 * staging runs one task each and is mostly idle.
 */
import type { ServiceKind } from "../scenarios/scenario";
import type { ServiceResources, Topology } from "./topology";

/**
 * How the world models a service, from its role in the stack (never its name), as scenarios name kinds
 * (scenario.ts SERVICE_KINDS):
 * - entry: a public service that calls internal ones, as AxonFlow's agent calls the orchestrator for LLM work;
 * - public: a public service that calls none (the customer portal): it serves pages itself;
 * - internal: called by its `calledBy` service, and calls the LLM provider (the orchestrator);
 * - worker: takes no requests; it only runs, and logs when it starts, stops or crashes.
 */
export function serviceKindOf(service: ServiceResources, topology: Topology): ServiceKind {
  if (service.role !== "public") return service.role;
  return topology.services.some((s) => s.role === "internal" && s.calledBy === service.name) ? "entry" : "public";
}

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
  /** Requests per minute to each entry service at the quietest hour and at the peak, at traffic level "normal". */
  readonly agentRequestsPerMinute: { readonly trough: number; readonly peak: number };
  /** The same for each other public service. */
  readonly portalRequestsPerMinute: { readonly trough: number; readonly peak: number };
  readonly sizing: Readonly<Record<ServiceKind, ServiceSizing>>;
}

const PROFILES: Readonly<Record<string, EnvironmentProfile>> = {
  production: {
    name: "production",
    busy: true,
    agentRequestsPerMinute: { trough: 25, peak: 800 },
    portalRequestsPerMinute: { trough: 0, peak: 40 },
    sizing: {
      entry: { desiredTasks: 3, cpuUnits: 1024, memoryMiB: 2048, idleCpuPercent: 4, cpuPercentPerRequest: 0.12, baseMemoryPercent: 38 },
      internal: { desiredTasks: 3, cpuUnits: 2048, memoryMiB: 4096, idleCpuPercent: 5, cpuPercentPerRequest: 0.1, baseMemoryPercent: 45 },
      public: { desiredTasks: 2, cpuUnits: 512, memoryMiB: 1024, idleCpuPercent: 2, cpuPercentPerRequest: 0.5, baseMemoryPercent: 30 },
      worker: { desiredTasks: 2, cpuUnits: 512, memoryMiB: 1024, idleCpuPercent: 6, cpuPercentPerRequest: 0, baseMemoryPercent: 35 },
    },
  },
  staging: {
    name: "staging",
    busy: false,
    agentRequestsPerMinute: { trough: 0.01, peak: 0.15 },
    portalRequestsPerMinute: { trough: 0, peak: 0.05 },
    sizing: {
      entry: { desiredTasks: 1, cpuUnits: 512, memoryMiB: 1024, idleCpuPercent: 3, cpuPercentPerRequest: 0.8, baseMemoryPercent: 40 },
      internal: { desiredTasks: 1, cpuUnits: 1024, memoryMiB: 2048, idleCpuPercent: 4, cpuPercentPerRequest: 0.6, baseMemoryPercent: 42 },
      public: { desiredTasks: 1, cpuUnits: 256, memoryMiB: 512, idleCpuPercent: 2, cpuPercentPerRequest: 1, baseMemoryPercent: 35 },
      worker: { desiredTasks: 1, cpuUnits: 256, memoryMiB: 512, idleCpuPercent: 5, cpuPercentPerRequest: 0, baseMemoryPercent: 35 },
    },
  },
};

export function environmentProfile(environment: string): EnvironmentProfile {
  const p = PROFILES[environment];
  if (!p) throw new Error(`no traffic profile for environment ${environment}; the replay knows ${Object.keys(PROFILES).join(", ")}`);
  return p;
}
