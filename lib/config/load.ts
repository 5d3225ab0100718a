import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { CST, type Document, isMap, isScalar, LineCounter, Parser, parseDocument, type YAMLError } from "yaml";
import { z } from "zod";
import { Naming } from "../naming";
import { logShippingPolicyDocument } from "../policy/log-shipping-policy";
import { MANAGED_POLICY_MAX_CHARS } from "../policy/policy-document";
import { ALARM_KINDS } from "../alarms/kinds";
import { ConfigError } from "./errors";
import { environmentSchema, type EnvironmentConfig, hasPagingRoute } from "./schema";

/** Larger than any sane environment file; stops a runaway file before YAML parsing costs memory. */
export const MAX_FILE_BYTES = 256 * 1024;
const ENV_FILE = /\.ya?ml$/;

type Loaded = { ok: true; config: EnvironmentConfig } | { ok: false; problems: string[] };

/** Loads every `*.yaml`/`*.yml` in `dir` (sorted, so stacks come out in a stable order). Throws ConfigError listing every problem. */
export function loadAllEnvironments(dir: string): EnvironmentConfig[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((f) => ENV_FILE.test(f))
      .sort();
  } catch (e) {
    throw new ConfigError([`${dir}: cannot read the environments folder (${(e as Error).message})`]);
  }
  if (names.length === 0) throw new ConfigError([`${dir}: no environment files (*.yaml); add one per environment`]);
  return checkAll(names.map((n) => loadFile(join(dir, n))));
}

export function loadFile(file: string): Loaded {
  const size = statSync(file).size;
  if (size > MAX_FILE_BYTES) return tooLarge(file, size);
  return loadFromBytes(file, readFileSync(file));
}

export function loadFromBytes(file: string, bytes: Uint8Array): Loaded {
  if (bytes.byteLength > MAX_FILE_BYTES) return tooLarge(file, bytes.byteLength);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return fail(
      `${file}: ${nonUtf8Field(bytes)}: contains bytes that are not UTF-8 (first at byte ${firstInvalidUtf8Byte(bytes)}); allowed: UTF-8 text`,
    );
  }
  return loadFromText(file, text);
}

/** Parses and validates one file's text; `file` is only used to name it in messages and derive the default name. */
export function loadFromText(file: string, text: string): Loaded {
  // uniqueKeys: a repeated key is an error, not "last one wins". maxAliasCount bounds alias expansion (billion laughs).
  const lines = new LineCounter();
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, lineCounter: lines });
  // Warnings are errors too: an unknown tag (`!include x.yaml`) would otherwise silently become a plain string.
  const yamlProblems = [...doc.errors, ...doc.warnings];
  if (yamlProblems.length > 0) return { ok: false, problems: yamlProblems.map((e) => yamlProblem(file, text, doc, lines, e)) };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // The yaml library's guard against alias bombs ("billion laughs"), or another structural failure.
    return fail(`${file}: (root): invalid YAML: ${firstLine((e as Error).message)}; allowed: at most 100 alias expansions`);
  }
  if (data === null || data === undefined)
    return fail(`${file}: (root): file is empty; expected a mapping with accountId, region, alb, ecs, repositoryUrl`);
  if (typeof data !== "object" || Array.isArray(data))
    return fail(`${file}: (root): expected a mapping of settings, received ${describe(data)}`);

  // An environment is named by its file unless the file says `name:`.
  const fileStem = basename(file, extname(file));
  const parsed = environmentSchema.safeParse(withEnvironmentDefaults(data as Record<string, unknown>), { reportInput: true });
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.flatMap((i) => formatIssue(file, i)) };
  const { name, $schema: _ignored, ...rest } = parsed.data;
  const config = { ...rest, name: name ?? fileStem, sourceFile: file };
  const tooLarge = shippingPolicyProblem(config);
  return tooLarge ? fail(`${file}: services: ${tooLarge}`) : { ok: true, config };
}

/**
 * The log-shipping policy names every service's log group, and IAM caps a managed policy at 6144 characters:
 * too many (or too long) service names would only fail at synth, far from the file. Checked here, it names the field.
 */
function shippingPolicyProblem(config: EnvironmentConfig): string | undefined {
  const naming = new Naming(config.name);
  const groups = Object.keys(config.services).map((service) => naming.logGroup(service));
  const length = JSON.stringify(logShippingPolicyDocument(config, groups)).length;
  if (length <= MANAGED_POLICY_MAX_CHARS) return undefined;
  return (
    `${groups.length} services make the log-shipping policy ${length} characters; allowed: at most ` +
    `${MANAGED_POLICY_MAX_CHARS} (IAM's managed policy limit), so fewer or shorter service names`
  );
}

/**
 * Applies the defaults that depend on other settings to the file's data, before validation, so every rule of the
 * schema still sees them; a value the file sets wins. A kind's `enabledWherePaging` turns it on where the
 * environment pages; its `needsSignals`, where the file's prometheus section mirrors them.
 */
function withEnvironmentDefaults(data: Record<string, unknown>): Record<string, unknown> {
  // The paging and prometheus sections alone, validated as the schema will: an invalid one is reported there.
  const paging = environmentSchema.shape.paging.safeParse(data.paging);
  const pages = paging.success && hasPagingRoute({ paging: paging.data });
  const prometheus = environmentSchema.shape.prometheus.safeParse(data.prometheus);
  const mirrored = prometheus.success ? (prometheus.data?.mirror ?? []) : [];
  // A bare `alarms:` (null) is left for the schema to refuse.
  const alarms = data.alarms === undefined ? {} : data.alarms;
  if ((!pages && mirrored.length === 0) || !isMapping(alarms)) return data;
  const withKinds = { ...alarms };
  for (const { key, enabledWherePaging, needsSignals } of ALARM_KINDS) {
    const tuning = withKinds[key] ?? {};
    if (!isMapping(tuning) || tuning.enabled !== undefined) continue;
    const ready =
      (enabledWherePaging !== undefined && pages && enabledWherePaging(tuning)) || needsSignals?.every((s) => mirrored.includes(s));
    if (ready) withKinds[key] = { ...tuning, enabled: true };
  }
  return { ...data, alarms: withKinds };
}

/**
 * One YAML error, where it starts. The parser reports an unclosed quote where the file ends (line 33 of a 32-line
 * file), so the message points at the opening quote instead; a repeated key is named with its path and both lines.
 */
function yamlProblem(file: string, text: string, doc: Document, lines: LineCounter, e: YAMLError): string {
  const message = firstLine(e.message);
  if (e.code === "MISSING_CHAR" && /quote/i.test(message)) {
    const start = unclosedQuoteStart(text);
    if (start !== undefined)
      return `${file}: ${yamlWhere(lines.linePos(start))}invalid YAML: a quoted value opened here is never closed; allowed: close it with the same quote`;
  }
  if (e.code === "DUPLICATE_KEY") {
    const repeated = repeatedKey(doc.contents, [], e.pos[0]);
    if (repeated !== undefined) {
      const first = lines.linePos(repeated.firstOffset).line;
      return (
        `${file}: ${repeated.path.join(".")}: ` +
        `${yamlWhere(lines.linePos(e.pos[0]))}invalid YAML: the key ` +
        `${repeated.path[repeated.path.length - 1]} appears again (first at line ` +
        `${first}); allowed: each key once per mapping`
      );
    }
  }
  return `${file}: ${yamlWhere(lines.linePos(e.pos[0]))}invalid YAML: ${message}`;
}

/** The offset of a quoted scalar that runs to the end of the file without its closing quote. */
function unclosedQuoteStart(text: string): number | undefined {
  let found: number | undefined;
  for (const token of new Parser().parse(text)) {
    if (token.type !== "document") continue;
    CST.visit(token, (item) => {
      for (const t of [item.key, item.value]) {
        if (
          found !== undefined ||
          t === null ||
          t === undefined ||
          (t.type !== "double-quoted-scalar" && t.type !== "single-quoted-scalar")
        )
          continue;
        const quote = t.type === "double-quoted-scalar" ? '"' : "'";
        const closed = t.source.length >= 2 && t.source.endsWith(quote) && !(quote === '"' && /(^|[^\\])(\\\\)*\\"$/.test(t.source));
        if (!closed) found = t.offset;
      }
    });
  }
  return found;
}

/** The key whose second occurrence starts at `offset`: its path from the root, and where it first appeared. */
function repeatedKey(node: unknown, path: string[], offset: number): { path: string[]; firstOffset: number } | undefined {
  if (!isMap(node)) return undefined;
  const seen = new Map<string, number>();
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    const at = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    if (key !== undefined && at !== undefined) {
      if (at === offset && seen.has(key)) return { path: [...path, key], firstOffset: seen.get(key) as number };
      if (!seen.has(key)) seen.set(key, at);
    }
    const inner = repeatedKey(pair.value, key === undefined ? path : [...path, key], offset);
    if (inner) return inner;
  }
  return undefined;
}

const isMapping = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function checkAll(results: Loaded[]): EnvironmentConfig[] {
  const problems = results.flatMap((r) => (r.ok ? [] : r.problems));
  const configs = results.flatMap((r) => (r.ok ? [r.config] : []));
  const seen = new Map<string, string>();
  const distinct: EnvironmentConfig[] = [];
  for (const c of configs) {
    const first = seen.get(c.name);
    if (first)
      problems.push(
        `${c.sourceFile}: name: environment "${c.name}" is already defined by ${first}; allowed: one file per environment name`,
      );
    else {
      seen.set(c.name, c.sourceFile);
      distinct.push(c);
    }
  }
  // A second file of the same name is reported as that; its identifiers are the first one's anyway.
  problems.push(...sharedIdentifiers(distinct));
  if (problems.length > 0) throw new ConfigError(problems);
  return configs;
}

/**
 * Two files watching the same load balancer, target group or ECS service: a copied file that kept the original's
 * identifiers (its alarms would watch the other environment's traffic). Each is named once, at the later file.
 */
function sharedIdentifiers(configs: readonly EnvironmentConfig[]): string[] {
  const owners = new Map<string, string>();
  const problems: string[] = [];
  const claim = (c: EnvironmentConfig, field: string, what: string, id: string) => {
    const owner = owners.get(`${what}|${id}`);
    if (owner === undefined) owners.set(`${what}|${id}`, c.sourceFile);
    else
      problems.push(
        `${c.sourceFile}: ${field}: ${id} is also the ${what} of ${owner}; allowed: this environment's own (a copied file keeps the original's identifiers)`,
      );
  };
  for (const c of configs) {
    claim(c, "alb.arnSuffix", "load balancer", c.alb.arnSuffix);
    for (const [name, s] of Object.entries(c.services)) {
      if (s.targetGroupArnSuffix !== undefined) claim(c, `services.${name}.targetGroupArnSuffix`, "target group", s.targetGroupArnSuffix);
      if (s.ecsServiceName !== undefined)
        claim(c, `services.${name}.ecsServiceName`, "ECS service", `${c.ecs.clusterName}/${s.ecsServiceName}`);
    }
  }
  return problems;
}

function formatIssue(file: string, issue: z.core.$ZodIssue): string[] {
  const where = (path: PropertyKey[]) => (path.length ? path.map(String).join(".") : "(root)");
  if (issue.code === "unrecognized_keys") {
    const allowed = allowedKeys(issue.path);
    return issue.keys.map((k) => `${file}: ${where([...issue.path, k])}: unknown key; allowed: ${allowed.join(", ")}`);
  }
  if (issue.code === "invalid_key") {
    // A record key (service name, tag key) that its key schema rejects: say why, not just "Invalid key in record".
    const why = issue.issues.map((i) => i.message).join("; ");
    return [`${file}: ${where(issue.path)}: invalid key ${JSON.stringify(String(issue.path.at(-1)))}: ${why}`];
  }
  const input = (issue as { input?: unknown }).input;
  const shown = JSON.stringify(input);
  const received =
    issue.code !== "invalid_type" && input !== undefined && typeof input !== "object" && !issue.message.includes(shown)
      ? ` (received ${shown})`
      : "";
  const message =
    issue.code === "invalid_type" && input === undefined
      ? `required; ${issue.message.replace(/^Invalid input: (expected \w+), received undefined$/, "$1")}`
      : issue.message;
  // `key:` with nothing (or only comments) under it is null in YAML, which surprises most people.
  const emptySection =
    issue.code === "invalid_type" && input === null && issue.expected === "object"
      ? "; an empty section is null in YAML: delete the key, or write `{}`"
      : "";
  return [`${file}: ${where(issue.path)}: ${message}${received}${emptySection}`];
}

/** The keys the schema allows at `path`, for "unknown key" messages. */
function allowedKeys(path: PropertyKey[]): string[] {
  let s: unknown = environmentSchema;
  for (const key of [...path, undefined]) {
    s = unwrapped(s);
    if (key === undefined) break;
    if (s instanceof z.ZodObject) s = (s.shape as Record<string, unknown>)[String(key)];
    else if (s instanceof z.ZodRecord) s = s.valueType;
    else return [];
  }
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

/** Defaults, optionals and the other wrappers, unwrapped down to the object or record at this level. */
const WRAPPERS = [z.ZodOptional, z.ZodNullable, z.ZodDefault, z.ZodPrefault, z.ZodNonOptional, z.ZodReadonly, z.ZodCatch];
function unwrapped(s: unknown): unknown {
  while (WRAPPERS.some((w) => s instanceof w)) s = (s as { unwrap(): unknown }).unwrap();
  return s;
}

const fail = (problem: string): Loaded => ({ ok: false, problems: [problem] });
const firstLine = (m: string) => m.split("\n")[0].trim();
const yamlWhere = (pos?: { line: number; col: number }) => (pos ? `line ${pos.line}, column ${pos.col}: ` : "");
const describe = (v: unknown) => (Array.isArray(v) ? "a list" : `${typeof v} ${JSON.stringify(v)}`);
const tooLarge = (file: string, size: number) => fail(`${file}: (file): file is ${size} bytes; allowed: at most ${MAX_FILE_BYTES} bytes`);

function firstInvalidUtf8Byte(bytes: Uint8Array): number {
  for (let end = 1; end <= bytes.byteLength; end++) {
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
    } catch {
      return end - 1;
    }
  }
  return bytes.byteLength - 1; // truncated sequence at the end
}

/** The setting whose key or value holds the undecodable bytes (decoded leniently they read U+FFFD), else "(file)". */
function nonUtf8Field(bytes: Uint8Array): string {
  const doc = parseDocument(new TextDecoder("utf-8").decode(bytes), { uniqueKeys: false });
  const search = (node: unknown, path: string[]): string[] | undefined => {
    if (typeof node === "string") return node.includes("\uFFFD") ? path : undefined;
    if (typeof node !== "object" || node === null) return undefined;
    for (const [k, v] of Object.entries(node)) {
      const hit = k.includes("\uFFFD") ? [...path, k] : search(v, [...path, k]);
      if (hit) return hit;
    }
    return undefined;
  };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch {
    return "(file)";
  }
  const path = search(data, []);
  return path?.length ? path.join(".") : "(file)";
}
