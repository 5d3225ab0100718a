import { readFileSync } from "node:fs";
import { isJsonObject } from "../json-object";

/**
 * A synthesized `cdk.tf.json`, as terraform reads it. The replay learns what the world is made of from this file
 * only, never from the environment YAML: what was synthesized is what gets deployed.
 */
export interface StackJson {
  /** Where it was read from; every error names it. */
  readonly file: string;
  readonly json: Readonly<Record<string, unknown>>;
}

export function readStackJson(file: string): StackJson {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new Error(`${file}: cannot read the synthesized stack (${(e as Error).message}); run \`npm run synth\` first`);
  }
  return stackJsonFromText(file, text);
}

export function stackJsonFromText(file: string, text: string): StackJson {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not JSON (${(e as Error).message})`);
  }
  if (!isJsonObject(json)) throw new Error(`${file}: expected a JSON object at the top level`);
  return { file, json };
}

/** `resource.<type>` as address → block; {} when the stack has none of that type. */
export function resourcesOfType(stack: StackJson, type: string): Record<string, Record<string, unknown>> {
  const resource = stack.json.resource;
  if (resource === undefined) return {};
  if (!isJsonObject(resource)) throw new Error(`${stack.file}: resource: expected an object`);
  const blocks = resource[type];
  if (blocks === undefined) return {};
  if (!isJsonObject(blocks)) throw new Error(`${stack.file}: resource.${type}: expected an object of resources`);
  const out: Record<string, Record<string, unknown>> = {};
  for (const [address, block] of Object.entries(blocks)) {
    if (!isJsonObject(block)) throw new Error(`${stack.file}: resource.${type}.${address}: expected an object`);
    out[address] = block;
  }
  return out;
}

const REFERENCE = /^\$\{([A-Za-z0-9_]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)\}$/;

/**
 * A value as terraform would see it after resolving one plain reference: `${aws_cloudwatch_log_group.<address>.name}`
 * becomes that block's literal `name`. cdktf writes references for attributes of other constructs (the metric filter's
 * log_group_name); anything more (functions, unknown-until-apply attributes) cannot be resolved offline and throws.
 */
export function resolveLiteral(stack: StackJson, value: unknown, where: string): string {
  if (typeof value !== "string") throw new Error(`${stack.file}: ${where}: expected a string, received ${JSON.stringify(value)}`);
  if (!value.includes("${")) return value;
  const ref = REFERENCE.exec(value);
  if (!ref) throw new Error(`${stack.file}: ${where}: ${value} is not a plain reference the replay can resolve`);
  const [, type, address, attribute] = ref;
  const block = resourcesOfType(stack, type)[address];
  if (!block) throw new Error(`${stack.file}: ${where}: ${value} refers to resource.${type}.${address}, which the stack does not have`);
  const target = block[attribute];
  if (typeof target !== "string" || target.includes("${")) {
    throw new Error(`${stack.file}: ${where}: ${value}: resource.${type}.${address}.${attribute} is not a literal string`);
  }
  return target;
}
