import { z } from "zod";
import { evaluationWindowProblem, isAlarmPeriod } from "../alarms/alarm-invariants";
import { ALARM_KINDS, type AlarmsTuning, type AnyAlarmKind } from "../alarms/kinds";
import { type AlarmTuning, DEFAULT_MIN_HEALTHY_TARGETS } from "./alarm-defaults";
import { isKnownRegion, KNOWN_REGIONS, unknownRegionMessage } from "./aws-regions";
import { emailSubscriptionKey } from "../naming";
import { CLOUDWATCH_RETENTION_DAYS, type RetentionDays } from "./retention";
import { DEFAULT_LOG_FORMAT, LOG_FORMATS } from "./log-formats";
import { SERVICE_ROLES, type ServiceRole } from "./service-roles";
import { overlappingWindows } from "./traffic-schedule";
import { prometheusSchema } from "./prometheus-schema";
import { componentOf } from "../prometheus/mirrored-signals";
import { MAX_METRICS_PER_MATH_ALARM } from "../alarms/math-alarm";

/**
 * The environment file (`environments/<name>.yaml`): types, defaults and allowed values in one place.
 * `npm run schema` exports it as JSON Schema for editors; a test keeps that export in step.
 */

const ENV_NAME = /^[a-z][a-z0-9-]{0,27}$/;
// Words of lowercase letters and digits joined by single hyphens: a service key becomes part of resource names
// (`axonflow-<env>-log-silence-<service>`), where `v-` or `a--b` would give ragged ones.
const SERVICE_KEY = /^(?=.{1,40}$)[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const ACCOUNT_ID = /^\d{12}$/;
// What CloudWatch puts in the LoadBalancer dimension: the part of the ALB ARN after "loadbalancer/".
const ALB_ARN_SUFFIX = /^app\/[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?\/[0-9a-f]{16}$/;
// What CloudWatch puts in the TargetGroup dimension: the part of the target group ARN after the last ":".
const TARGET_GROUP_ARN_SUFFIX = /^targetgroup\/[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?\/[0-9a-f]{16}$/;
// ECS cluster and service names: up to 255 letters, digits, hyphens, underscores.
const ECS_NAME = /^[A-Za-z0-9_-]{1,255}$/;
// CloudWatch Logs accepts only a KMS *key* ARN (no alias, no bare key id) in the log group's region.
const KMS_KEY_ARN =
  /^arn:aws(-[a-z]+)*:kms:([a-z0-9-]+):(\d{12}):key\/(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;
const TFC_WORKSPACE = /^[A-Za-z0-9_-]{1,90}$/;
// AWS tag keys and values: Unicode letters, digits, white space and _ . : / = + - @.
const TAG_CHARS = /^[\p{L}\p{N}\s_.:/=+\-@]*$/u;
/** Tags the stack sets on every resource; an environment's `tags` may not redefine them. */
export const STANDARD_TAG_KEYS = ["Environment", "Application", "ManagedBy"] as const;
const MAX_EXTRA_TAGS = 50 - STANDARD_TAG_KEYS.length;
const MAX_RUNBOOK_URL = 512;

export const retentionDays = z
  .number({ error: "must be a number of days" })
  .refine((v): v is RetentionDays => (CLOUDWATCH_RETENTION_DAYS as readonly number[]).includes(v), {
    error: (iss) => `${JSON.stringify(iss.input)} is not a CloudWatch retention; allowed: ${CLOUDWATCH_RETENTION_DAYS.join(", ")}`,
  })
  .meta({ enum: [...CLOUDWATCH_RETENTION_DAYS], description: "Days CloudWatch Logs keeps events" });

const periodSeconds = z
  .number()
  .int()
  .refine((v) => isAlarmPeriod(v) && v <= 86400, {
    error: (iss) => `${JSON.stringify(iss.input)} is not an alarm period; allowed: 10, 20, 30 or a multiple of 60 up to 86400`,
    abort: true,
  })
  // 10/20/30 s only suit high-resolution custom metrics. Every configurable alarm watches an AWS metric
  // published once a minute (ALB, Container Insights, CloudWatch Logs), so a shorter period has no datapoint
  // in most periods: an alarm that flaps, or with "breaching" missing data one that never clears.
  .refine((v) => v >= 60, {
    error: (iss) =>
      `${JSON.stringify(iss.input)} s is finer than the 60 s resolution of the AWS metrics these alarms watch; allowed: a multiple of 60 up to 86400`,
  });

const evaluationCount = z.number().int().min(1).max(100);
// Bounded so every alarm description (text + runbook link) stays within CloudWatch's 1024 characters.
const httpsUrl = z
  .url({ protocol: /^https$/, error: "must be an https:// URL" })
  .max(MAX_RUNBOOK_URL, { error: `must be at most ${MAX_RUNBOOK_URL} characters` });
const severity = z.enum(["page", "ticket"]);

/**
 * The `alarms.<key>` section of one kind (lib/alarms/kinds/): every field defaulting from the kind's `defaults`,
 * the common tuning (enabled, severity, window) unless the kind has no window of its own (burnRate), then its own
 * fields; the whole section optional.
 */
function kindTuning(kind: AnyAlarmKind) {
  const d = kind.defaults as Partial<AlarmTuning> & { readonly enabled: boolean } & Record<string, unknown>;
  const own = Object.fromEntries(
    Object.entries(kind.threshold).map(([field, type]) => [field, (type as z.ZodType).default(d[field] as never)]),
  );
  const windowed =
    d.severity === undefined
      ? {}
      : {
          severity: severity.default(d.severity),
          periodSeconds: periodSeconds.default(d.periodSeconds as number),
          evaluationPeriods: evaluationCount.default(d.evaluationPeriods as number),
          datapointsToAlarm: evaluationCount.default(d.datapointsToAlarm as number),
        };
  return z.strictObject({ enabled: z.boolean().default(d.enabled), ...windowed, ...own }).prefault({});
}

/** Every kind's section by its key; typed from the descriptors (zod cannot see through the derived shape). */
const kindSections = Object.fromEntries(ALARM_KINDS.map((kind) => [kind.key, kindTuning(kind)])) as unknown as {
  readonly [Kd in AnyAlarmKind as Kd["key"]]: z.ZodPrefault<z.ZodType<AlarmsTuning[Kd["key"]]>>;
};

export const alarmsSchema = z
  .strictObject({
    /** false: alarms keep recording state but notify nobody. */
    actionsEnabled: z.boolean().default(true),
    ...kindSections,
  })
  .superRefine((alarms, ctx) => {
    for (const [kind, a] of Object.entries(alarms)) {
      if (typeof a !== "object" || !("datapointsToAlarm" in a) || a.datapointsToAlarm <= a.evaluationPeriods) continue;
      ctx.addIssue({
        code: "custom",
        path: [kind, "datapointsToAlarm"],
        message: `${a.datapointsToAlarm} exceeds evaluationPeriods (${a.evaluationPeriods}); allowed: 1..evaluationPeriods`,
      });
    }
    if (alarms.noTraffic.enabled && alarms.noTraffic.expectedTraffic.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["noTraffic", "expectedTraffic"],
        message:
          "needs at least one window when noTraffic is enabled (no traffic at an hour " +
          "with no expected traffic is a quiet hour, not a cut); allowed: a list of { " +
          "fromHourUtc, toHourUtc, days, minRequests }, or enabled: false",
      });
    }
    const overlap = overlappingWindows(alarms.noTraffic.expectedTraffic);
    if (overlap) {
      ctx.addIssue({
        code: "custom",
        path: ["noTraffic", "expectedTraffic", overlap[1]],
        message: `its hours overlap window ${overlap[0]}; allowed: windows that do not overlap, so each hour has one floor`,
      });
    }
    if (alarms.pagingDeliveries.severity === "page") {
      ctx.addIssue({
        code: "custom",
        path: ["pagingDeliveries", "severity"],
        message: "page would send word of failing pages through the failing paging topic; allowed: ticket",
      });
    }
    for (const [kind, a] of Object.entries(alarms)) {
      // The same rule MetricAlarm enforces; caught here, the message names the file and field.
      const problem =
        typeof a === "object" && "periodSeconds" in a ? evaluationWindowProblem(a.periodSeconds, a.evaluationPeriods) : undefined;
      if (problem) ctx.addIssue({ code: "custom", path: [kind, "evaluationPeriods"], message: problem });
    }
  })
  .prefault({});

const serviceSchema = z.strictObject({
  /** Default: public with a targetGroupArnSuffix, worker without (the fewest assumptions about requests). */
  role: z.enum(SERVICE_ROLES, { error: `must be one of ${SERVICE_ROLES.join(", ")}` }).optional(),
  /** For an internal service: the public service of this file that calls it (the agent calls the orchestrator). */
  calledBy: z.string().optional(),
  /** The ECS service running it; omit for services that do not run on ECS. */
  ecsServiceName: z.string().regex(ECS_NAME, { error: "must be an ECS service name (letters, digits, - and _)" }).optional(),
  /** Its ALB target group (what CloudWatch puts in the TargetGroup dimension); public services only. */
  targetGroupArnSuffix: z
    .string()
    .regex(TARGET_GROUP_ARN_SUFFIX, {
      error: "must be the target group ARN suffix targetgroup/<name>/<16 hex digits>, e.g. targetgroup/axonflow-agent/0123456789abcdef",
    })
    .optional(),
  /** Fewer running ECS tasks than this pages (tasks-below-floor alarm): the fewest that carry its load. */
  minRunningTasks: z.number().int().min(1).max(1000).default(1),
  /** Its target group's p95 response time above this tickets (target-latency alarm); default alarms.targetLatency.thresholdSeconds. Public services only. */
  latencyThresholdSeconds: z.number().gt(0).max(3600).optional(),
  /** Fewer healthy targets than this in its target group pages (target-health alarm). */
  minHealthyTargets: z.number().int().min(1).max(1000).default(DEFAULT_MIN_HEALTHY_TARGETS),
  /**
   * true: the service writes a log line at least every few minutes even when idle (a heartbeat), so silence
   * alone means it is down or shipping broke, and `log-silence-<service>` watches for it. AxonFlow's idle agent
   * writes nothing (platform/agent/run.go); its orchestrator logs its policy engine's health every 10 s only with
   * the database policy engine (platform/orchestrator/db_dynamic_policies.go). Not assumed: the default is false.
   */
  writesHeartbeats: z.boolean().default(false),
  /**
   * true: it writes at least one line for each request it serves (AxonFlow's agent and orchestrator do), so a
   * public or internal service serving without a single line means log shipping broke: `log-silence-<service>`
   * watches for that. false (the default: not assumed of a service whose source we have not read): no such alarm.
   */
  logsEachRequest: z.boolean().default(false),
  /** How its lines are written (lib/config/log-formats.ts); AxonFlow writes Go log text today. */
  logFormat: z.enum(LOG_FORMATS, { error: `must be one of ${LOG_FORMATS.join(", ")}` }).default(DEFAULT_LOG_FORMAT),
  /** Overrides logs.retentionDays for this service's log group. */
  retentionDays: retentionDays.optional(),
});

/** The role a service entry plays: its `role`, or the default from what the entry says. */
export function roleOf(service: { readonly role?: ServiceRole; readonly targetGroupArnSuffix?: string }): ServiceRole {
  return service.role ?? (service.targetGroupArnSuffix === undefined ? "worker" : "public");
}

export type ServiceEntry = z.output<typeof serviceSchema>;

/** Role rules across one file's services: what each role needs and may not have. */
function checkRoles(services: Record<string, ServiceEntry>, ctx: z.RefinementCtx): void {
  const publicNames = Object.keys(services).filter((n) => roleOf(services[n]) === "public");
  for (const [name, svc] of Object.entries(services)) {
    const role = roleOf(svc);
    const issue = (field: string, message: string) => ctx.addIssue({ code: "custom", path: [name, field], message });
    if (role === "public" && svc.targetGroupArnSuffix === undefined) {
      issue(
        "targetGroupArnSuffix",
        "a public service is behind a target group of the load balancer; add its ARN suffix, or set role: internal or worker",
      );
    }
    if (role !== "public" && svc.targetGroupArnSuffix !== undefined) {
      issue("targetGroupArnSuffix", `a ${role} service takes no requests from the load balancer; remove it, or set role: public`);
    }
    if (role !== "public" && svc.latencyThresholdSeconds !== undefined) {
      issue(
        "latencyThresholdSeconds",
        `a ${role} service has no target group whose response time could be watched; remove it, or set role: public`,
      );
    }
    if (role === "internal" && svc.calledBy === undefined) {
      issue(
        "calledBy",
        `an internal service is called by a public service of this file; allowed: ${publicNames.join(", ") || "(none: add a public service)"}`,
      );
    }
    if (role !== "internal" && svc.calledBy !== undefined)
      issue("calledBy", `only an internal service has a caller; remove it, or set role: internal`);
    if (role === "internal" && svc.calledBy !== undefined && !publicNames.includes(svc.calledBy)) {
      issue(
        "calledBy",
        `${JSON.stringify(svc.calledBy)} is not a public service of this file; allowed: ${publicNames.join(", ") || "(none: add a public service)"}`,
      );
    }
  }
}

export const DEFAULT_SERVICES = {
  agent: {
    role: "worker",
    ecsServiceName: "axonflow-agent",
    minHealthyTargets: DEFAULT_MIN_HEALTHY_TARGETS,
    minRunningTasks: 1,
    writesHeartbeats: false,
    logsEachRequest: false,
    logFormat: DEFAULT_LOG_FORMAT,
  },
  orchestrator: {
    role: "worker",
    ecsServiceName: "axonflow-orchestrator",
    minHealthyTargets: DEFAULT_MIN_HEALTHY_TARGETS,
    minRunningTasks: 1,
    writesHeartbeats: false,
    logsEachRequest: false,
    logFormat: DEFAULT_LOG_FORMAT,
  },
  "customer-portal": {
    role: "worker",
    minHealthyTargets: DEFAULT_MIN_HEALTHY_TARGETS,
    minRunningTasks: 1,
    writesHeartbeats: false,
    logsEachRequest: false,
    logFormat: DEFAULT_LOG_FORMAT,
  },
} satisfies Record<string, ServiceEntry>;

export const environmentSchema = z
  .strictObject({
    $schema: z.string().optional(),
    /** Defaults to the file name without extension; the stack id, so `cdktf deploy <name>`. */
    name: z
      .string()
      .regex(ENV_NAME, { error: "must be lowercase letters, digits and -, starting with a letter, at most 28 characters" })
      .optional(),
    accountId: z
      .string({ error: "must be a quoted 12-digit AWS account id" })
      .regex(ACCOUNT_ID, { error: "must be a 12-digit AWS account id" }),
    region: z
      .string({ error: "must be an AWS region such as us-east-1" })
      .refine(isKnownRegion, { error: (iss) => unknownRegionMessage(String(iss.input)) })
      .meta({ enum: [...KNOWN_REGIONS], description: "AWS region of the environment's resources" }),
    alb: z.strictObject({
      arnSuffix: z.string().regex(ALB_ARN_SUFFIX, {
        error: "must be the ALB ARN suffix app/<name>/<16 hex digits>, e.g. app/axonflow-prod/1234567890abcdef",
      }),
    }),
    ecs: z.strictObject({
      clusterName: z.string().regex(ECS_NAME, { error: "must be an ECS cluster name (letters, digits, - and _)" }),
    }),
    services: z
      .record(
        z.string().regex(SERVICE_KEY, {
          error:
            "service names are lowercase letters and digits, words joined by single hyphens (agent, policy-engine), at most 40 characters",
        }),
        serviceSchema,
      )
      .refine((s) => Object.keys(s).length > 0, { error: "list at least one service" })
      .superRefine((services, ctx) => {
        const owner = new Map<string, string>();
        for (const [name, svc] of Object.entries(services)) {
          const ecs = svc.ecsServiceName;
          if (ecs === undefined) continue;
          const other = owner.get(ecs);
          if (other === undefined) owner.set(ecs, name);
          else
            ctx.addIssue({
              code: "custom",
              path: [name, "ecsServiceName"],
              message: `${JSON.stringify(ecs)} is already the ECS service of ${other}; allowed: one service per ECS service name`,
            });
        }
        checkRoles(services, ctx);
      })
      .default(DEFAULT_SERVICES),
    logs: z
      .strictObject({
        retentionDays: retentionDays.default(30),
        /** Keep log groups on `terraform destroy` and refuse plans that would delete or rename them. */
        protect: z.boolean().default(true),
        /** Encrypt every log group with this KMS key; its key policy must allow logs.<region>.amazonaws.com. */
        kmsKeyArn: z
          .string()
          .regex(KMS_KEY_ARN, { error: "must be a KMS key ARN arn:aws:kms:<region>:<account>:key/<key id> (not an alias)" })
          .optional(),
        /** The key is another account's on purpose: its key policy admits this account's CloudWatch Logs. */
        kmsKeyCrossAccount: z.boolean().default(false),
      })
      .prefault({}),
    alerts: z
      .strictObject({
        /** One e-mail subscription per address; each must be confirmed from the mailbox after deploy. */
        emails: z
          .array(z.email({ error: "must be an e-mail address" }))
          .superRefine(noRepeatedEmail)
          .default([]),
      })
      .prefault({}),
    paging: z
      .strictObject({
        /** E-mail subscriptions of the paging topic `axonflow-<env>-pages`, which only the page composite alarm notifies. */
        emails: z
          .array(z.email({ error: "must be an e-mail address" }))
          .superRefine(noRepeatedEmail)
          .default([]),
        /**
         * true: also subscribe an HTTPS endpoint (e.g. PagerDuty) given as the sensitive Terraform variable
         * `paging_endpoint` at plan/apply. The URL is a secret and never belongs in this file.
         */
        endpointVariable: z.boolean().default(false),
      })
      .prefault({}),
    alarms: alarmsSchema,
    prometheus: prometheusSchema,
    /**
     * Where this repository is browsed, e.g. https://github.com/acme/axonflow-cloudwatch/blob/main: each alarm links
     * its runbook `<repositoryUrl>/docs/runbooks/<alarm-kind>.md`. Ignored when runbookBaseUrl is set.
     */
    repositoryUrl: httpsUrl.optional(),
    /** Your own runbook site: each alarm description then ends with <runbookBaseUrl>#<alarm-kind>. */
    runbookBaseUrl: httpsUrl.optional(),
    /** Extra tags for every resource, beside Environment, Application and ManagedBy. */
    tags: z
      .record(
        z
          .string()
          .min(1)
          .max(128)
          .regex(TAG_CHARS, { error: "tag keys use letters, digits, spaces and _ . : / = + - @" })
          .refine((k) => !k.toLowerCase().startsWith("aws:"), { error: "the aws: prefix is reserved for AWS" })
          .refine((k) => !(STANDARD_TAG_KEYS as readonly string[]).includes(k), {
            error: `is set by the stack (${STANDARD_TAG_KEYS.join(", ")}); allowed: other keys`,
          }),
        z.string().max(256).regex(TAG_CHARS, { error: "tag values use letters, digits, spaces and _ . : / = + - @" }),
      )
      .refine((t) => Object.keys(t).length <= MAX_EXTRA_TAGS, {
        error: `at most ${MAX_EXTRA_TAGS} tags (AWS allows 50 per resource, ${STANDARD_TAG_KEYS.length} are the stack's)`,
      })
      .default({}),
    /** Used only when synthesized with AXONFLOW_BACKEND=cloud (see docs/state-backends.md). */
    terraformCloud: z
      .strictObject({
        /** HCP Terraform workspace of this environment; default axonflow-<env>. */
        workspace: z
          .string()
          .regex(TFC_WORKSPACE, { error: "must be an HCP Terraform workspace name (1-90 letters, digits, - and _)" })
          .optional(),
      })
      .prefault({}),
  })
  .superRefine((env, ctx) => {
    if (env.runbookBaseUrl === undefined && env.repositoryUrl === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["repositoryUrl"],
        message:
          "alarms need a runbook link; allowed: repositoryUrl (links docs/runbooks/<kind>.md of this repository) or runbookBaseUrl (your own runbook site)",
      });
    }
    if (env.alarms.noTraffic.enabled && !Object.values(env.services).some((s) => s.targetGroupArnSuffix !== undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["alarms", "noTraffic", "enabled"],
        message:
          "needs a public service with a targetGroupArnSuffix (its health checks mark the time when no request comes); allowed: false here",
      });
    }
    for (const kind of ALARM_KINDS) {
      const missing = (kind.needsSignals ?? []).filter((s) => !(env.prometheus?.mirror ?? []).includes(s));
      if (!env.alarms[kind.key].enabled || missing.length === 0) continue;
      ctx.addIssue({
        code: "custom",
        path: ["alarms", kind.key, "enabled"],
        message:
          `reads the mirrored signals ${missing.join(", ")}, which ` +
          `${env.prometheus === undefined ? "this file does not mirror (no prometheus section)" : "prometheus.mirror does not list"}: ` +
          `the alarm would never see a datapoint; allowed: false here, or mirror them`,
      });
    }
    if (env.prometheus !== undefined) {
      const providers = env.prometheus.llmProviders;
      env.alarms.llmProviderShare.excludeProviders.forEach((p, i) => {
        if (!providers.includes(p)) {
          ctx.addIssue({
            code: "custom",
            path: ["alarms", "llmProviderShare", "excludeProviders", i],
            message: `${JSON.stringify(p)} is not a provider of prometheus.llmProviders; allowed: ${providers.join(", ")}`,
          });
        }
      });
      // The failure share fetches the failures and every provider's answers: CloudWatch allows 10 metrics per alarm.
      if (env.alarms.llmFailureShare.enabled && providers.length > MAX_METRICS_PER_MATH_ALARM - 1) {
        ctx.addIssue({
          code: "custom",
          path: ["prometheus", "llmProviders"],
          message:
            `${providers.length} providers; the llmFailureShare alarm reads each one's answers plus the ` +
            `failures, and CloudWatch allows ${MAX_METRICS_PER_MATH_ALARM} metrics per alarm; allowed: at ` +
            `most ${MAX_METRICS_PER_MATH_ALARM - 1}, or alarms.llmFailureShare.enabled: false`,
        });
      }
      const scraped = new Set(env.prometheus.mirror.map((s) => componentOf(s)));
      for (const component of scraped) {
        const service = env.prometheus[component].service;
        if (env.services[service] === undefined) {
          ctx.addIssue({
            code: "custom",
            path: ["prometheus", component, "service"],
            message:
              `${JSON.stringify(service)} is not a service of this file, yet its tasks would run the ` +
              `${component}'s sidecar; allowed: ${Object.keys(env.services).join(", ")}`,
          });
        }
      }
    }
    const [, , keyRegion, keyAccount] = env.logs.kmsKeyArn?.match(KMS_KEY_ARN) ?? [];
    if (keyRegion && keyRegion !== env.region) {
      ctx.addIssue({
        code: "custom",
        path: ["logs", "kmsKeyArn"],
        message: `key is in ${keyRegion}; CloudWatch Logs only uses a KMS key in the log group's region; allowed: a key in ${env.region}`,
      });
    }
    // Most often a file copied from another environment that kept its key.
    if (keyAccount && keyAccount !== env.accountId && !env.logs.kmsKeyCrossAccount) {
      ctx.addIssue({
        code: "custom",
        path: ["logs", "kmsKeyArn"],
        message: [
          `key belongs to account ${keyAccount}, not this environment's accountId ${env.accountId};`,
          `allowed: a key of ${env.accountId}, or logs.kmsKeyCrossAccount: true where the other account's key is meant`,
          "(its key policy must then admit this account's CloudWatch Logs)",
        ].join(" "),
      });
    }
  });

function noRepeatedEmail(emails: string[], ctx: z.RefinementCtx): void {
  const first = new Map<string, number>();
  emails.forEach((email, i) => {
    const key = emailSubscriptionKey(email);
    const j = first.get(key);
    if (j === undefined) first.set(key, i);
    else
      ctx.addIssue({
        code: "custom",
        path: [i],
        message: `${JSON.stringify(email)} repeats emails.${j} (${JSON.stringify(emails[j])}); allowed: each address once`,
      });
  });
}

export type EnvironmentFile = z.infer<typeof environmentSchema>;

/**
 * An environment pages only if it has somewhere to page: paging e-mails or the paging endpoint variable.
 * Without one (staging, say), page-severity alarms notify as tickets and no paging topic exists.
 */
export function hasPagingRoute(config: Pick<EnvironmentFile, "paging">): boolean {
  return config.paging.emails.length > 0 || config.paging.endpointVariable;
}
/** A validated environment: every default applied, the name resolved. */
export type EnvironmentConfig = Omit<EnvironmentFile, "name" | "$schema"> & { readonly name: string; readonly sourceFile: string };
