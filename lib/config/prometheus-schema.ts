import { z } from "zod";
import { type AXONFLOW_COMPONENTS, DEFAULT_SCRAPE_TARGET } from "../prometheus/axonflow-series";
import { DEFAULT_MIRRORED_SIGNALS, MIRRORED_SIGNAL_KEYS, type MirroredSignalKey } from "../prometheus/mirrored-signals";

/** Prometheus job intervals the agent accepts and that a 1-minute alarm period can use. */
const SCRAPE_INTERVALS = [15, 30, 60] as const;
const PROVIDER = /^[a-z][a-z0-9_-]{0,39}$/;
const IMAGE = /^[a-z0-9][a-z0-9./_-]*(:[A-Za-z0-9._-]{1,128})?(@sha256:[0-9a-f]{64})?$/;

const scrapeTarget = (component: (typeof AXONFLOW_COMPONENTS)[number]) =>
  z
    .strictObject({
      /** The service of `services` that runs this component (its tasks get the sidecar); default: the same name. */
      service: z.string().default(component),
      port: z.number().int().min(1).max(65535).default(DEFAULT_SCRAPE_TARGET[component].port),
      path: z
        .string()
        .regex(/^\/[A-Za-z0-9/_.-]*$/, { error: "must be an absolute URL path such as /prometheus" })
        .default(DEFAULT_SCRAPE_TARGET[component].path),
    })
    .prefault({});

/**
 * Opt-in: a CloudWatch agent sidecar in the agent's and orchestrator's tasks scrapes their `/prometheus` endpoint
 * and mirrors the chosen series into CloudWatch as embedded-metric-format logs (docs/prometheus-bridge.md).
 */
export const prometheusSchema = z
  .strictObject({
    /** Which series to mirror; each is a custom metric per label combination, billed monthly. */
    mirror: z
      .array(
        z.enum(MIRRORED_SIGNAL_KEYS as [MirroredSignalKey, ...MirroredSignalKey[]], {
          error: `must be one of ${MIRRORED_SIGNAL_KEYS.join(", ")}`,
        }),
      )
      .min(1, { error: "names at least one signal; remove the prometheus section to mirror none" })
      .refine((keys) => new Set(keys).size === keys.length, { error: "names a signal twice; allowed: each once" })
      .default([...DEFAULT_MIRRORED_SIGNALS]),
    scrapeIntervalSeconds: z
      .number()
      .refine((s) => (SCRAPE_INTERVALS as readonly number[]).includes(s), { error: `must be one of ${SCRAPE_INTERVALS.join(", ")}` })
      .default(60),
    /**
     * The LLM providers the orchestrator routes to (its PROVIDER_WEIGHTS): each is a series of llmCalls, so the
     * cost estimate counts them. "unknown" (failures) and "mock" (skip_llm test calls) are counted as well.
     */
    llmProviders: z
      .array(z.string().regex(PROVIDER, { error: "must be a provider name as AxonFlow writes it, e.g. openai, anthropic, bedrock" }))
      .min(1)
      .default(["openai", "anthropic"]),
    /** The sidecar's image: pin a tested tag (or digest) for production. */
    agentImage: z
      .string()
      .regex(IMAGE, { error: "must be a container image reference such as public.ecr.aws/cloudwatch-agent/cloudwatch-agent:<tag>" })
      .default("public.ecr.aws/cloudwatch-agent/cloudwatch-agent:latest"),
    agent: scrapeTarget("agent"),
    orchestrator: scrapeTarget("orchestrator"),
  })
  .optional();

export type PrometheusConfig = NonNullable<z.infer<typeof prometheusSchema>>;
