import { z } from "zod";
import { SERVICE_KINDS, TRAFFIC_LEVELS } from "./scenario";

/**
 * A replayed day as data (`replay/scenarios/<name>.yaml`): when it starts, how busy it is, what breaks and when, and
 * what on-call needs to hear about it. Durations are written `90m`, `2h`, `1h30m`.
 */
const DURATION = /^(?:(\d+)h)?(?:(\d+)m)?$/;

export function minutesOf(text: string): number {
  const m = DURATION.exec(text);
  if (!m || text === "") throw new Error(`${JSON.stringify(text)} is not a duration such as 90m, 2h or 1h30m`);
  return Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0);
}

const duration = z
  .string()
  .regex(DURATION, "a duration such as 90m, 2h or 1h30m")
  .refine((s) => s !== "", "a duration such as 90m, 2h or 1h30m");
const share = z.number().gt(0).lte(1);
const flag = z.literal(true);

const within = z.string().regex(/^within (\d+h)?(\d+m)?$/, 'as "within 10m" or "never"');
const routeRequirement = z.union([within, z.literal("never")], { error: 'as "within 10m" or "never"' });

const environmentExpectationSchema = z.union(
  [
    z.literal("quiet"),
    z
      .object({
        page: routeRequirement.optional(),
        ticket: routeRequirement.optional(),
        notification: within.optional(),
        /** Overlapping incidents: each change's start is followed, within this, by an alarm that had not notified yet. */
        eachChange: within.optional(),
      })
      .strict()
      .refine((e) => [e.page, e.ticket, e.notification, e.eachChange].some((r) => r !== undefined && r !== "never"), {
        message: 'needs at least one "within" (page, ticket, notification or eachChange); write quiet for no notification at all',
      }),
  ],
  { error: 'quiet, or an object with page / ticket / notification: "within 10m" (page and ticket may be "never")' },
);

const changeSchema = z
  .object({
    /** One service, by its name in the environment file. */
    service: z.string().min(1).optional(),
    /** Every service of a kind, whatever its name (scenario.ts, SERVICE_KINDS). */
    services: z.enum(SERVICE_KINDS, { error: `one of ${SERVICE_KINDS.join(", ")}` }).optional(),
    from: duration.default("0m"),
    for: duration.optional(),
    crashLoop: z
      .object({ runMinutes: z.tuple([z.number().int().min(1), z.number().int().min(1).max(10)]) })
      .strict()
      .optional(),
    allTasksDown: flag.optional(),
    upstreamErrors: z.object({ share }).strict().optional(),
    upstreamSlowdown: z
      .object({ factor: z.number().gt(1).lte(50) })
      .strict()
      .optional(),
    slowResponses: z
      .object({ factor: z.number().gt(1).lte(100) })
      .strict()
      .optional(),
    internalErrors: z.object({ share }).strict().optional(),
    strayErrors: z
      .object({ perHour: z.number().gt(0).lte(60) })
      .strict()
      .optional(),
    logShippingBroken: flag.optional(),
    rollingDeploy: z
      .object({ minutesPerTask: z.number().int().min(2).max(30) })
      .strict()
      .optional(),
    failedDeploy: flag.optional(),
    memoryLeak: z
      .object({ percentPerHour: z.number().gt(0).lte(200) })
      .strict()
      .optional(),
    tasksLost: z
      .object({ count: z.number().int().min(1).max(100) })
      .strict()
      .optional(),
    policyBlocks: z.object({ share }).strict().optional(),
    llmProviderDown: z
      .object({
        provider: z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, "primary, or a provider name as AxonFlow writes it (openai, anthropic)"),
      })
      .strict()
      .optional(),
    trafficCut: flag.optional(),
    snsDeliveryFailures: z
      .object({ topic: z.enum(["pages", "alerts", "both"]) })
      .strict()
      .optional(),
  })
  .strict();

export const SERVICE_EFFECTS = [
  "crashLoop",
  "allTasksDown",
  "upstreamErrors",
  "upstreamSlowdown",
  "slowResponses",
  "internalErrors",
  "strayErrors",
  "logShippingBroken",
  "rollingDeploy",
  "failedDeploy",
  "memoryLeak",
  "tasksLost",
  "policyBlocks",
  "llmProviderDown",
] as const;
export const ENVIRONMENT_EFFECTS = ["trafficCut", "snsDeliveryFailures"] as const;

export const scenarioFileSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "kebab-case, the file's name without .yaml"),
    description: z.string().min(20, "say what happens and why on-call cares (at least 20 characters)"),
    environments: z.union([z.literal("all"), z.array(z.string().min(1)).min(1)], { error: "all, or a list of environment names" }),
    start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "a UTC clock time HH:MM on the replay day"),
    duration,
    traffic: z.enum(TRAFFIC_LEVELS, { error: `one of ${TRAFFIC_LEVELS.join(", ")}` }).default("normal"),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .default(1),
    background: z.array(changeSchema).optional(),
    incident: z
      .object({ at: duration, changes: z.array(changeSchema).min(1) })
      .strict()
      .optional(),
    expect: z.record(z.string(), environmentExpectationSchema),
  })
  .strict();

export type ScenarioFile = z.output<typeof scenarioFileSchema>;
export type ChangeInput = z.output<typeof changeSchema>;
