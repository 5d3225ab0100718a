import type { LineKind, LogLinesMinute, LogLinesObserver } from "../../replay/world";
import type { FieldValue, LogFields } from "./filter-expression";
import type { LogRecord } from "./query-run";

/**
 * The log lines the replay world wrote, kept from its per-minute counts per kind (the replay's logLines tap) and
 * turned into Logs Insights records: the kind's JSON body flattened into fields (JSON booleans as 1/0, as Logs
 * Insights indexes them), `@message` the body, `@log` the group, `@timestamp` the minute (the world does not place
 * lines within a minute). Lines lost to broken log shipping never reached CloudWatch Logs and are not kept.
 */
interface MinuteCounts {
  readonly logGroup: string;
  readonly kinds: readonly LineKind[];
  readonly timestamp: number;
  /** [kind index, count] for each kind written that minute. */
  readonly counts: readonly (readonly [number, number])[];
}

export class LogLineBook {
  private readonly minutes: MinuteCounts[] = [];

  /** The observer to hand to replayScenario's logLines tap. */
  readonly observe: LogLinesObserver = (m: LogLinesMinute) => {
    if (!m.shipped) return;
    const counts: [number, number][] = [];
    m.counts.forEach((n, kind) => {
      if (n > 0) counts.push([kind, n]);
    });
    if (counts.length > 0) this.minutes.push({ logGroup: m.logGroup, kinds: m.kinds, timestamp: m.timestamp, counts });
  };

  /** Records of the given groups for minutes in [from, until], oldest first. */
  records(logGroups: readonly string[], from: number, until: number): LogRecord[] {
    const wanted = new Set(logGroups);
    const fieldsOf = new Map<string, LogFields[]>();
    const out: LogRecord[] = [];
    for (const m of this.minutes) {
      if (!wanted.has(m.logGroup) || m.timestamp < from || m.timestamp > until) continue;
      let bodies = fieldsOf.get(m.logGroup);
      if (!bodies) fieldsOf.set(m.logGroup, (bodies = m.kinds.map((k) => recordFields(k, m.logGroup))));
      // The body's fields are shared through the prototype: a day is tens of thousands of records.
      for (const [kind, n] of m.counts) out.push({ weight: n, fields: withTimestamp(bodies[kind]!, m.timestamp * 1000) });
    }
    return out;
  }
}

export function recordFields(kind: Pick<LineKind, "message" | "json">, logGroup: string): LogFields {
  const fields: Record<string, FieldValue> = { "@message": kind.message, "@log": logGroup };
  const flatten = (value: unknown, prefix: string) => {
    if (typeof value === "boolean") fields[prefix] = value ? 1 : 0;
    else if (typeof value === "number" || typeof value === "string") fields[prefix] = value;
    else if (typeof value === "object" && value !== null && !Array.isArray(value))
      for (const [k, v] of Object.entries(value)) flatten(v, prefix === "" ? k : `${prefix}.${k}`);
  };
  flatten(kind.json, "");
  return fields;
}

function withTimestamp(body: LogFields, milliseconds: number): LogFields {
  const fields = Object.create(body) as Record<string, FieldValue>;
  fields["@timestamp"] = milliseconds;
  return fields;
}
