import { z } from "zod";
import { compileFilterPattern, type CompiledFilterPattern } from "./filter-pattern";
import { parseValueSource, type ValueSource } from "./metric-transformation";
import { resolveLiteral, resourcesOfType, type StackJson } from "./stack-json";

/** One `aws_cloudwatch_log_metric_filter` of the stack, with its pattern compiled and its log group resolved. */
export interface LogMetricFilter {
  /** `resource.aws_cloudwatch_log_metric_filter.<address>`: names it in errors. */
  readonly address: string;
  readonly name: string;
  readonly logGroupName: string;
  readonly pattern: CompiledFilterPattern;
  readonly namespace: string;
  readonly metricName: string;
  readonly value: ValueSource;
  /** Published for a minute with ingested events and no match ("Creating metrics from log events using filters"). */
  readonly defaultValue?: number;
  /** Dimension name → JSON selector whose value names the series. */
  readonly dimensions: Readonly<Record<string, ValueSource>>;
  readonly unit?: string;
}

const transformationSchema = z
  .object({
    namespace: z.string().min(1),
    name: z.string().min(1),
    value: z.string().min(1),
    default_value: z
      .string()
      .regex(/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/, "a number written as a string")
      .optional(),
    dimensions: z.record(z.string(), z.string()).optional(),
    unit: z.string().optional(),
  })
  .strict();

const filterSchema = z
  .object({
    name: z.string().min(1),
    log_group_name: z.string().min(1),
    pattern: z.string(),
    metric_transformation: transformationSchema,
  })
  .passthrough();

export function metricFiltersFromStack(stack: StackJson): LogMetricFilter[] {
  const out: LogMetricFilter[] = [];
  for (const [address, block] of Object.entries(resourcesOfType(stack, "aws_cloudwatch_log_metric_filter"))) {
    const where = `resource.aws_cloudwatch_log_metric_filter.${address}`;
    const parsed = filterSchema.safeParse(block);
    if (!parsed.success) {
      throw new Error(
        parsed.error.issues.map((i) => `${stack.file}: ${[where, ...i.path.map(String)].join(".")}: ${i.message}`).join("\n"),
      );
    }
    const f = parsed.data;
    const t = f.metric_transformation;
    const dims = Object.entries(t.dimensions ?? {});
    // AWS rejects the pair: "If you assign dimensions to a metric created by a metric filter, you can't assign a default value".
    if (dims.length > 0 && t.default_value !== undefined) {
      throw new Error(
        `${stack.file}: ${where}.metric_transformation: default_value and dimensions together; CloudWatch Logs refuses this filter`,
      );
    }
    if (dims.length > 3)
      throw new Error(`${stack.file}: ${where}.metric_transformation.dimensions: ${dims.length} dimensions; at most 3 allowed`);
    out.push({
      address,
      name: f.name,
      logGroupName: resolveLiteral(stack, f.log_group_name, `${where}.log_group_name`),
      pattern: compileIn(f.pattern, `${stack.file}: ${where}.pattern`),
      namespace: t.namespace,
      metricName: t.name,
      value: parseValueSource(t.value, `${stack.file}: ${where}.metric_transformation.value`),
      ...(t.default_value === undefined ? {} : { defaultValue: Number(t.default_value) }),
      dimensions: Object.fromEntries(
        dims.map(([k, v]) => [k, parseValueSource(v, `${stack.file}: ${where}.metric_transformation.dimensions.${k}`)]),
      ),
      ...(t.unit === undefined ? {} : { unit: t.unit }),
    });
  }
  return out;
}

function compileIn(pattern: string, where: string): CompiledFilterPattern {
  try {
    return compileFilterPattern(pattern);
  } catch (e) {
    throw new Error(`${where}: ${(e as Error).message}`);
  }
}
