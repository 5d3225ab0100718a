/**
 * Typed reads of one resource's attributes in a parsed cdk.tf.json, each failure an Error that names the resource
 * and the attribute. Values Terraform would take as strings ("300", "true") are read as what they say; a Terraform
 * expression ("${…}") the engine cannot resolve is an error, never a guess.
 */

import { isJsonObject, type JsonObject } from "../json-object";

export class ResourceAttributes {
  private readonly seen = new Set<string>();

  constructor(
    /** What errors call the resource: the alarm name where known, else its Terraform address. */
    private readonly where: string,
    private readonly body: JsonObject,
  ) {}

  /** The attributes of a nested block, whose errors name this resource too. */
  nested(label: string, body: JsonObject): ResourceAttributes {
    return new ResourceAttributes(`${this.where}: ${label}`, body);
  }

  error(attribute: string, problem: string): Error {
    return new Error(`${this.where}: ${attribute}: ${problem}`);
  }

  has(attribute: string): boolean {
    return this.body[attribute] !== undefined && this.body[attribute] !== null;
  }

  private raw(attribute: string): unknown {
    this.seen.add(attribute);
    const value = this.body[attribute];
    if (typeof value === "string" && value.includes("${")) {
      throw this.error(attribute, `the Terraform expression ${JSON.stringify(value)} cannot be resolved by the replay`);
    }
    return value ?? undefined;
  }

  string(attribute: string): string | undefined {
    const value = this.raw(attribute);
    if (value === undefined) return undefined;
    if (typeof value !== "string" || value === "") throw this.error(attribute, `expected a non-empty string, got ${JSON.stringify(value)}`);
    return value;
  }

  requiredString(attribute: string): string {
    const value = this.string(attribute);
    if (value === undefined) throw this.error(attribute, "missing");
    return value;
  }

  oneOf<T extends string>(attribute: string, allowed: readonly T[], fallback?: T): T {
    const value = this.string(attribute) ?? fallback;
    if (value === undefined) throw this.error(attribute, "missing");
    if (!(allowed as readonly string[]).includes(value)) {
      throw this.error(attribute, `unsupported value ${JSON.stringify(value)} (supported: ${allowed.join(", ")})`);
    }
    return value as T;
  }

  number(attribute: string): number | undefined {
    const value = this.raw(attribute);
    if (value === undefined) return undefined;
    const parsed = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
    if (!Number.isFinite(parsed)) throw this.error(attribute, `expected a number, got ${JSON.stringify(value)}`);
    return parsed;
  }

  positiveInteger(attribute: string): number | undefined {
    const value = this.number(attribute);
    if (value !== undefined && (!Number.isInteger(value) || value < 1))
      throw this.error(attribute, `expected a positive integer, got ${value}`);
    return value;
  }

  boolean(attribute: string, fallback: boolean): boolean {
    const value = this.raw(attribute);
    if (value === undefined) return fallback;
    if (value === true || value === "true") return true;
    if (value === false || value === "false") return false;
    throw this.error(attribute, `expected a boolean, got ${JSON.stringify(value)}`);
  }

  stringList(attribute: string): readonly string[] {
    const value = this.raw(attribute);
    if (value === undefined) return [];
    if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
      throw this.error(attribute, `expected a list of strings, got ${JSON.stringify(value)}`);
    }
    return value as string[];
  }

  stringMap(attribute: string): Readonly<Record<string, string>> {
    const value = this.raw(attribute);
    if (value === undefined) return {};
    if (!isJsonObject(value) || !Object.values(value).every((v) => typeof v === "string" && !v.includes("${"))) {
      throw this.error(attribute, `expected a map of literal strings, got ${JSON.stringify(value)}`);
    }
    return value as Record<string, string>;
  }

  /** A nested block: an object, or (HCL-style JSON) a list of objects. */
  objectList(attribute: string): readonly JsonObject[] {
    const value = this.raw(attribute);
    if (value === undefined) return [];
    const list = Array.isArray(value) ? value : [value];
    if (!list.every(isJsonObject)) throw this.error(attribute, "expected a block (an object or a list of objects)");
    return list as JsonObject[];
  }

  /** Every attribute must be read or known to be irrelevant: an unknown one could change the alarm's meaning. */
  rejectUnread(irrelevant: readonly string[]): void {
    for (const [attribute, value] of Object.entries(this.body)) {
      if (value !== undefined && value !== null && !this.seen.has(attribute) && !irrelevant.includes(attribute)) {
        throw this.error(attribute, "not supported by the replay engine (it could change how the alarm is evaluated)");
      }
    }
  }
}

const TOPIC_REFERENCE = /^\$\{aws_sns_topic\.([A-Za-z0-9_-]+)\.(arn|id)\}$/;

/**
 * An alarm action as the SNS topic name it notifies: a reference to an aws_sns_topic of the stack resolves to that
 * topic's `name`; a literal ARN to its last `:` part.
 */
export function resolveAction(attributes: ResourceAttributes, attribute: string, action: string, topics: JsonObject): string {
  const reference = TOPIC_REFERENCE.exec(action);
  if (reference) {
    const topic = topics[reference[1]!];
    if (!isJsonObject(topic)) throw attributes.error(attribute, `${action} names no aws_sns_topic of the stack`);
    const name = topic.name;
    if (typeof name !== "string" || name === "" || name.includes("${")) {
      throw attributes.error(attribute, `${action}: the topic has no literal name`);
    }
    return name;
  }
  if (action.startsWith("arn:") && !action.includes("${")) {
    const last = action.slice(action.lastIndexOf(":") + 1);
    if (last !== "") return last;
  }
  throw attributes.error(attribute, `cannot resolve the action ${JSON.stringify(action)} to a topic`);
}
