import { Annotations, type TerraformStack } from "cdktf";
import type { IConstruct } from "constructs";
import { MathAlarm } from "../alarms/math-alarm";
import { MetricAlarm } from "../alarms/metric-alarm";
import { CLOUDWATCH_RETENTION_DAYS } from "../config/retention";
import { GRID_WIDTH } from "../dashboard/grid";
import { escapeRegExp } from "../regexp";
import { fromTerraformLiteral } from "../terraform-literal";
import { policySources } from "./policy-sources";
import { isTerraformExpression, synthesizedElements, type SynthesizedElement } from "./synthesized-elements";
import { wildcardWriteProblems } from "./wildcard-writes";

/**
 * Cross-cutting rules every stack must satisfy, whoever adds resources. They read the
 * stack as it will be synthesized (snake_case attributes, any resource type) and fail synthesis with the
 * construct path, the rule and what is allowed. They run as a validation, not an Aspect + Annotations.addError:
 * a validation also fails `Testing.synth(stack, true)` and `Testing.fullSynth`, so tests see what `cdktf synth` sees.
 */
export interface GuardrailOptions {
  /** Default tags the provider must apply: key → value. */
  readonly defaultTags: Readonly<Record<string, string>>;
  /** Glob (`*`) every alarm name must match: the alert topic and key policies admit only these alarms. */
  readonly alarmNamePattern: string;
}

export interface Violation {
  readonly path: string;
  readonly rule: string;
  readonly message: string;
}

type Rule = (elements: readonly SynthesizedElement[], options: GuardrailOptions) => Violation[];

/** Registers the guard rails on a stack: they run in every `cdktf synth`, `app.synth()` and validating test synth. */
export function applyGuardrails(stack: TerraformStack, options: GuardrailOptions): void {
  stack.node.addValidation({ validate: () => checkGuardrails(stack, options).map(formatViolation) });
}

export const formatViolation = (v: Violation) => `${v.path}: ${v.rule}: ${v.message}`;

export function checkGuardrails(stack: TerraformStack, options: GuardrailOptions): Violation[] {
  const elements = synthesizedElements(stack);
  return RULES.flatMap((rule) => rule(elements, options));
}

const resources = (elements: readonly SynthesizedElement[], type: string) =>
  elements.filter((e) => e.kind === "resource" && e.type === type);
const violation = (e: SynthesizedElement, rule: string, message: string): Violation => ({ path: e.path, rule, message });

/**
 * An alarm with no action changes state and tells no one. A composite-alarm input says so with `routedVia`,
 * and that composite must exist in the stack and name the alarm in its rule: otherwise the claim is empty.
 */
const alarmHasActions: Rule = (elements) => {
  const rules = new Map(
    resources(elements, "aws_cloudwatch_composite_alarm").map((c) => [c.attributes.alarm_name, String(c.attributes.alarm_rule ?? "")]),
  );
  return resources(elements, "aws_cloudwatch_metric_alarm").flatMap((e) => {
    const actions = e.attributes.alarm_actions;
    if ((Array.isArray(actions) && actions.length > 0) || isTerraformExpression(actions)) return [];
    const name = JSON.stringify(e.attributes.alarm_name);
    const via = routedVia(e.construct);
    if (via === undefined) {
      return [
        violation(
          e,
          "alarm-has-actions",
          `alarm ${name} has no alarm_actions; allowed: notify a topic (AlarmActions.alarmActions), or build ` +
            `it with MetricAlarm/MathAlarm and actions.routedVia naming the composite alarm it feeds`,
        ),
      ];
    }
    if (rules.get(via)?.includes(`ALARM(${name})`)) return [];
    return [
      violation(
        e,
        "alarm-has-actions",
        `alarm ${name} is routed via ${JSON.stringify(via)}, but no composite alarm of that name lists ` +
          `ALARM(${name}) in its rule; allowed: a composite alarm of this stack that watches it`,
      ),
    ];
  });
};

/** The composite alarm an alarm feeds, as its renderer (MetricAlarm or MathAlarm) recorded it. */
function routedVia(c: IConstruct): string | undefined {
  for (let s: IConstruct | undefined = c; s; s = s.node.scope) {
    if (s instanceof MetricAlarm || s instanceof MathAlarm) return s.spec.actions.routedVia || undefined;
  }
  return undefined;
}

const alarmNameAdmitted: Rule = (elements, { alarmNamePattern }) => {
  const admitted = new RegExp(`^${alarmNamePattern.split("*").map(escapeRegExp).join(".*")}$`);
  return [...resources(elements, "aws_cloudwatch_metric_alarm"), ...resources(elements, "aws_cloudwatch_composite_alarm")].flatMap((e) => {
    const name = e.attributes.alarm_name;
    if (typeof name !== "string" || isTerraformExpression(name) || admitted.test(name)) return [];
    return [
      violation(
        e,
        "alarm-name-admitted",
        `alarm name ${JSON.stringify(name)} does not match ${alarmNamePattern}: the ` +
          `alert topic and key policies admit only those alarms, so its notifications ` +
          `would be dropped; allowed: names from naming.alarm()`,
      ),
    ];
  });
};

const logGroupRetention: Rule = (elements) =>
  resources(elements, "aws_cloudwatch_log_group").flatMap((e) => {
    const days = e.attributes.retention_in_days;
    if (isTerraformExpression(days) || (CLOUDWATCH_RETENTION_DAYS as readonly unknown[]).includes(days)) return [];
    const received = days === undefined ? "none (logs would be kept forever)" : JSON.stringify(days);
    return [
      violation(
        e,
        "log-group-retention",
        `log group ${JSON.stringify(e.attributes.name)} has retention_in_days ${received}; allowed: ${CLOUDWATCH_RETENTION_DAYS.join(", ")}`,
      ),
    ];
  });

const defaultTags: Rule = (elements, options) => {
  const out: Violation[] = [];
  const providers = elements.filter((e) => e.kind === "provider" && e.type === "aws");
  const required = Object.entries(options.defaultTags);
  for (const p of providers) {
    const tags = ((p.attributes.default_tags as { tags?: Record<string, unknown> }[] | undefined)?.[0]?.tags ?? {}) as Record<
      string,
      unknown
    >;
    const wrong = required.filter(([k, v]) => tags[k] !== v);
    if (wrong.length)
      out.push(
        violation(
          p,
          "default-tags",
          `AWS provider default_tags lack ${wrong.map(([k, v]) => `${k}=${v}`).join(", ")} (received ` +
            `${JSON.stringify(tags)}); allowed: default_tags carrying ${required.map(([k, v]) => `${k}=${v}`).join(", ")}`,
        ),
      );
  }
  for (const e of elements) {
    // Taggable resources are those whose provider schema has `tags` (the generated class exposes tagsInput).
    if (e.kind !== "resource" || !("tagsInput" in e.construct) || e.attributes.tags === undefined) continue;
    const tags = e.attributes.tags;
    if (typeof tags !== "object" || tags === null) {
      out.push(violation(e, "default-tags", `tags is ${JSON.stringify(tags)}, which cannot be checked at synth; allowed: a literal map`));
      continue;
    }
    const overridden = required.filter(([k, v]) => k in tags && (tags as Record<string, unknown>)[k] !== v);
    if (overridden.length)
      out.push(
        violation(
          e,
          "default-tags",
          `tags override ` +
            `${overridden.map(([k]) => `${k}=${JSON.stringify((tags as Record<string, unknown>)[k])}`).join(", ")}; ` +
            `allowed: leave ${overridden.map(([k]) => k).join(", ")} to the provider's default_tags (${overridden.map(([k, v]) => `${k}=${v}`).join(", ")})`,
        ),
      );
  }
  if (providers.length === 0 && elements.some((e) => e.kind === "resource" && e.type.startsWith("aws_"))) {
    out.push({
      path: elements[0].path.split("/")[0],
      rule: "default-tags",
      message: "the stack has AWS resources but no AWS provider carrying default_tags",
    });
  }
  return out;
};

// A customer-managed key: a reference to a key or alias this stack manages, or a literal key id/ARN or non-AWS alias.
const CMK_REFERENCE = /^\$\{aws_kms_(key|alias)\.[\w-]+\.(arn|id|key_id|target_key_arn)\}$/;
const AWS_MANAGED_ALIAS = /(^|:)alias\/aws\//;

const snsTopicCmk: Rule = (elements) =>
  resources(elements, "aws_sns_topic").flatMap((e) => {
    const key = e.attributes.kms_master_key_id;
    if (typeof key === "string" && !AWS_MANAGED_ALIAS.test(key) && (CMK_REFERENCE.test(key) || !isTerraformExpression(key))) return [];
    const received = key === undefined ? "no kms_master_key_id (unencrypted)" : `kms_master_key_id ${JSON.stringify(key)}`;
    return [
      violation(
        e,
        "sns-topic-cmk",
        `topic ${JSON.stringify(e.attributes.name)} has ${received}; allowed: a customer-managed ` +
          `aws_kms_key whose policy lets cloudwatch.amazonaws.com use it (AlertTopic creates one). Never ` +
          `alias/aws/sns: CloudWatch cannot use it and alarms fail to notify without an error`,
      ),
    ];
  });

const noWildcardWrites: Rule = (elements) =>
  policySources(elements).flatMap((source) => {
    if ("unreadable" in source) {
      warnOnce(source.element.construct, `no-wildcard-write: ${source.where} ${source.unreadable}`);
      return [];
    }
    return source.statements.flatMap((s, i) =>
      wildcardWriteProblems(s, source.kind).map((p) =>
        violation(source.element, "no-wildcard-write", `${source.where} statement ${s.Sid ?? `#${i + 1}`} ${p}`),
      ),
    );
  });

const dashboardGrid: Rule = (elements) =>
  resources(elements, "aws_cloudwatch_dashboard").flatMap((e) => {
    const text = e.attributes.dashboard_body;
    if (typeof text !== "string" || isTerraformExpression(text)) {
      warnOnce(e.construct, "dashboard-grid: dashboard_body is a Terraform expression; widget positions cannot be checked at synth");
      return [];
    }
    let widgets: { x?: unknown; width?: unknown; properties?: { title?: unknown } }[];
    try {
      widgets = (JSON.parse(fromTerraformLiteral(text)) as { widgets?: typeof widgets }).widgets ?? [];
    } catch (err) {
      return [violation(e, "dashboard-grid", `dashboard_body is not valid JSON (${(err as Error).message})`)];
    }
    return widgets.flatMap((w, i) => {
      // CloudWatch's defaults when a widget omits them: x auto-placed (0), width 6.
      const x = w.x ?? 0;
      const width = w.width ?? 6;
      const ok =
        Number.isInteger(x) &&
        Number.isInteger(width) &&
        (x as number) >= 0 &&
        (width as number) >= 1 &&
        (x as number) + (width as number) <= GRID_WIDTH;
      if (ok) return [];
      const title = typeof w.properties?.title === "string" ? ` ${JSON.stringify(w.properties.title)}` : "";
      return [
        violation(
          e,
          "dashboard-grid",
          `widget #${i + 1}${title} at x=${JSON.stringify(x)} width=${JSON.stringify(width)} ends past column ` +
            `${GRID_WIDTH}; allowed: whole numbers with x >= 0, width >= 1, x + width <= ${GRID_WIDTH}`,
        ),
      ];
    });
  });

/**
 * Every `${<type>.<name>…}` reference must name a resource or data source of this stack. EnvironmentStack skips
 * cdktf's preparing pass (lib/stack.ts), the pass that turns a reference into another stack into a cross-stack
 * output; without it such a reference would synthesize as an address that does not exist. Here it fails instead.
 */
const referencesStayInStack: Rule = (elements) => {
  const addresses = new Set(
    elements.flatMap((e) => {
      const id = (e.construct as { friendlyUniqueId?: string }).friendlyUniqueId;
      return e.kind === "provider" || id === undefined ? [] : [e.kind === "data" ? `data.${e.type}.${id}` : `${e.type}.${id}`];
    }),
  );
  return elements.flatMap((e) =>
    [...collectReferences(e.attributes, new Set())]
      .filter((address) => !addresses.has(address))
      .map((address) =>
        violation(
          e,
          "references-stay-in-stack",
          `references ${address}, which is not in this stack; allowed: this stack's own ` +
            `resources and data sources (no environment's stack references another's)`,
        ),
      ),
  );
};

// `${…}` (not the escaped literal `$${…}`); in it, `<provider>_<type>.<name>` or `data.<…>.<name>` not preceded by a
// word or a dot, so `var.x`, `each.value`, function calls and attribute paths (`.arn`) are not taken for addresses.
const EXPRESSION = /(?<!\$)\$\{([^}]*)\}/g;
const ADDRESS = /(?<![\w.])((?:data\.)?[a-z][a-z0-9]*_[a-z0-9_]*\.[A-Za-z_][\w-]*)/g;
function collectReferences(value: unknown, into: Set<string>): Set<string> {
  if (typeof value === "string") {
    if (value.includes("${")) for (const m of value.matchAll(EXPRESSION)) for (const a of m[1].matchAll(ADDRESS)) into.add(a[1]);
  } else if (Array.isArray(value)) {
    for (const v of value) collectReferences(v, into);
  } else if (typeof value === "object" && value !== null) {
    for (const v of Object.values(value)) collectReferences(v, into);
  }
  return into;
}

const RULES: readonly Rule[] = [
  alarmHasActions,
  alarmNameAdmitted,
  logGroupRetention,
  defaultTags,
  snsTopicCmk,
  noWildcardWrites,
  dashboardGrid,
  referencesStayInStack,
];

const warned = new WeakMap<IConstruct, Set<string>>();
/** "Probably wrong but maybe valid" : a warning, once per construct however often validations run. */
function warnOnce(c: IConstruct, message: string): void {
  const seen = warned.get(c) ?? new Set<string>();
  if (seen.has(message)) return;
  seen.add(message);
  warned.set(c, seen);
  Annotations.of(c).addWarning(message);
}
