import type { DashboardWidget } from "../dashboard-source";
import { NotEvaluatedOffline, type FieldValue } from "../logs/filter-expression";
import type { LogLineBook } from "../logs/log-lines";
import { parseQuery } from "../logs/query-commands";
import { runQuery } from "../logs/query-run";
import type { LogTable, LogView } from "../widget-view";

/** Rows the page shows of a result (CloudWatch scrolls through up to 10,000; a preview needs the top of it). */
export const MAX_ROWS_SHOWN = 200;
export const MODELLED_LINES = "lines as the replay models them: one JSON body per kind of line, timestamps to the minute";

/**
 * A log widget: its query text and log groups, and the query's result on the lines the world wrote from the run's
 * start to `at` (the moment the page stands for). A query the preview cannot evaluate keeps its text, labelled so.
 */
export function logWidgetView(widget: DashboardWidget, book: LogLineBook, from: number, at: number): LogView {
  const p = widget.properties;
  const query = typeof p.query === "string" ? p.query : "";
  const parsed = parseQuery(query);
  const base = {
    index: widget.index,
    type: widget.type,
    title: typeof p.title === "string" ? p.title : "",
    placement: widget.placement,
    kind: "log" as const,
    query: parsed.text,
    logGroups: parsed.logGroups,
  };
  const notes: string[] = [];
  if (typeof p.view === "string" && p.view !== "table") notes.push(`the ${p.view} view is shown as a table`);
  if (parsed.logGroups.length === 0) return { ...base, notes: [...notes, "not evaluated offline: the query names no log group (SOURCE)"] };
  try {
    const output = runQuery(parsed.parse(), book.records(parsed.logGroups, from, at));
    const table = collapse(output.columns, output.timeColumns, output.rows, output.matchedLines);
    if (table.rows.length > MAX_ROWS_SHOWN) notes.push(`the first ${MAX_ROWS_SHOWN} of ${table.rows.length} rows are shown`);
    // The world writes one JSON body per kind of line, stamped with its minute: results depend on it.
    return {
      ...base,
      notes: [...notes, MODELLED_LINES],
      table: { ...table, rows: table.rows.slice(0, MAX_ROWS_SHOWN), repeats: table.repeats.slice(0, MAX_ROWS_SHOWN) },
    };
  } catch (e) {
    if (!(e instanceof NotEvaluatedOffline)) throw e;
    return { ...base, notes: [...notes, `not evaluated offline: ${e.message}; the query text is shown alone`] };
  }
}

/** Consecutive identical rows (the same kind of line in the same minute) become one row with a count. */
function collapse(
  columns: readonly string[],
  timeColumns: readonly string[],
  rows: readonly { fields: Readonly<Record<string, FieldValue>>; weight: number }[],
  matchedLines: number,
): LogTable {
  const times = new Set(timeColumns);
  const cells = (fields: Readonly<Record<string, FieldValue>>) => columns.map((c) => cellText(fields[c], times.has(c)));
  const out: string[][] = [];
  const repeats: number[] = [];
  for (const r of rows) {
    const row = cells(r.fields);
    const last = out[out.length - 1];
    if (last?.every((c, i) => c === row[i])) repeats[repeats.length - 1]! += r.weight;
    else {
      out.push(row);
      repeats.push(r.weight);
    }
  }
  return { columns, rows: out, repeats, matchedLines };
}

function cellText(value: FieldValue | undefined, isTime: boolean): string {
  if (value === undefined) return "";
  if (isTime && typeof value === "number") return new Date(value).toISOString().replace("T", " ").replace("Z", "");
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  return value;
}
