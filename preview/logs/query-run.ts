import type { FieldValue, LogFields } from "./filter-expression";
import type { Aggregate, Command, GroupKey } from "./query-commands";

/**
 * Runs parsed Logs Insights commands over log lines. The world writes many identical lines (one JSON body per kind
 * of line, counted per minute), so a record stands for `weight` identical lines: counts and sums are weighted,
 * percentiles are nearest-rank over the weighted values, and `limit n` takes n lines, splitting a record if need be.
 * `fields` chooses the columns but later commands still read every field, as in Logs Insights.
 */
export interface LogRecord {
  readonly fields: LogFields;
  readonly weight: number;
}

export interface QueryOutput {
  readonly columns: readonly string[];
  /** Columns holding times (ms since the epoch): @timestamp and bin(…). */
  readonly timeColumns: readonly string[];
  readonly rows: readonly LogRecord[];
  /** Lines that passed every filter. */
  readonly matchedLines: number;
}

const DEFAULT_COLUMNS = ["@timestamp", "@message"];

export function runQuery(commands: readonly Command[], records: readonly LogRecord[]): QueryOutput {
  let rows: LogRecord[] = [...records];
  let columns: string[] | undefined;
  const timeColumns = new Set(["@timestamp"]);
  let matchedLines: number | undefined;
  for (const command of commands) {
    switch (command.kind) {
      case "fields":
        rows = rows.map((r) => ({ weight: r.weight, fields: withRenames(r.fields, command.fields) }));
        columns = command.display ? command.fields.map((f) => f.as) : [...(columns ?? []), ...command.fields.map((f) => f.as)];
        break;
      case "filter":
        rows = rows.filter((r) => {
          const v = command.test(r.fields);
          return v !== undefined && v !== false && v !== 0 && v !== "";
        });
        break;
      case "parse":
        rows = rows.map((r) => ({ weight: r.weight, fields: parsed(r.fields, command) }));
        break;
      case "stats":
        matchedLines ??= totalWeight(rows);
        rows = stats(rows, command.aggregates, command.by);
        for (const k of command.by) if (k.kind === "bin") timeColumns.add(k.as);
        columns = [...command.by.map((k) => k.as), ...command.aggregates.map((a) => a.as)];
        break;
      case "sort":
        rows = sortRows(rows, command.keys);
        break;
      case "limit":
        rows = limit(rows, command.count);
        break;
    }
  }
  return { columns: columns ?? DEFAULT_COLUMNS, timeColumns: [...timeColumns], rows, matchedLines: matchedLines ?? totalWeight(rows) };
}

const totalWeight = (rows: readonly LogRecord[]) => rows.reduce((n, r) => n + r.weight, 0);

/** Records may share their fields through prototypes (log-lines.ts): a rename adds to a new object over them. */
function withRenames(fields: LogFields, chosen: readonly { name: string; as: string }[]): LogFields {
  const renamed = chosen.filter((f) => f.as !== f.name && fields[f.name] !== undefined);
  if (renamed.length === 0) return fields;
  const out = Object.create(fields) as Record<string, FieldValue>;
  for (const f of renamed) out[f.as] = fields[f.name]!;
  return out;
}

function parsed(fields: LogFields, command: Extract<Command, { kind: "parse" }>): LogFields {
  const value = fields[command.field];
  const m = value === undefined ? null : command.pattern.exec(String(value));
  if (m === null) return fields;
  const out = Object.create(fields) as Record<string, FieldValue>;
  command.names.forEach((name, i) => {
    const v = m.groups?.[name] ?? m[i + 1];
    if (v !== undefined) out[name] = /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
  });
  return out;
}

function stats(rows: readonly LogRecord[], aggregates: readonly Aggregate[], by: readonly GroupKey[]): LogRecord[] {
  const groups = new Map<string, { key: Record<string, FieldValue>; members: LogRecord[] }>();
  for (const r of rows) {
    const key: Record<string, FieldValue> = {};
    for (const k of by) {
      const v = k.kind === "bin" ? binStart(r.fields["@timestamp"], k.seconds) : r.fields[k.name];
      if (v !== undefined) key[k.as] = v;
    }
    const id = JSON.stringify(by.map((k) => key[k.as] ?? null));
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { key, members: [] }));
    group.members.push(r);
  }
  // Groups in key order: the same input always gives the same table, whatever order the lines came in.
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, g]) => ({
      weight: 1,
      fields: { ...g.key, ...Object.fromEntries(aggregates.flatMap((a) => present(a.as, aggregate(a, g.members)))) },
    }));
}

const present = (name: string, v: number | undefined): [string, number][] => (v === undefined ? [] : [[name, v]]);

function binStart(timestamp: FieldValue | undefined, seconds: number): number | undefined {
  if (typeof timestamp !== "number") return undefined;
  const ms = seconds * 1000;
  return Math.floor(timestamp / ms) * ms;
}

function aggregate(a: Aggregate, rows: readonly LogRecord[]): number | undefined {
  if (a.fn === "count") return totalWeight(a.field === undefined ? rows : rows.filter((r) => r.fields[a.field!] !== undefined));
  if (a.fn === "count_distinct") return new Set(rows.flatMap((r) => (r.fields[a.field!] === undefined ? [] : [r.fields[a.field!]]))).size;
  const values = rows.flatMap((r) => {
    const v = Number(r.fields[a.field!]);
    return r.fields[a.field!] === undefined || !Number.isFinite(v) ? [] : [{ v, w: r.weight }];
  });
  if (values.length === 0) return undefined;
  const count = values.reduce((n, x) => n + x.w, 0);
  const sum = values.reduce((n, x) => n + x.v * x.w, 0);
  switch (a.fn) {
    case "sum":
      return sum;
    case "avg":
      return sum / count;
    case "min":
      return Math.min(...values.map((x) => x.v));
    case "max":
      return Math.max(...values.map((x) => x.v));
    case "pct": {
      const sorted = [...values].sort((x, y) => x.v - y.v);
      const target = ((a.percent ?? 50) / 100) * count;
      let seen = 0;
      for (const x of sorted) {
        seen += x.w;
        if (seen >= target) return x.v;
      }
      return sorted[sorted.length - 1]!.v;
    }
  }
}

function sortRows(rows: readonly LogRecord[], keys: readonly { name: string; descending: boolean }[]): LogRecord[] {
  // Array.prototype.sort is stable: equal keys keep their order.
  return [...rows].sort((a, b) => {
    for (const k of keys) {
      const [x, y] = [a.fields[k.name], b.fields[k.name]];
      if (x === y) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      const order = typeof x === "number" && typeof y === "number" ? x - y : String(x) < String(y) ? -1 : 1;
      return k.descending ? -order : order;
    }
    return 0;
  });
}

function limit(rows: readonly LogRecord[], count: number): LogRecord[] {
  const out: LogRecord[] = [];
  let left = count;
  for (const r of rows) {
    if (left <= 0) break;
    out.push(r.weight <= left ? r : { ...r, weight: left });
    left -= Math.min(r.weight, left);
  }
  return out;
}
