/** CloudWatch dashboards are a 24-column grid; widgets are placed left to right, top to bottom. */
export const GRID_WIDTH = 24;
export const FULL = GRID_WIDTH;
export const HALF = 12;
export const QUARTER = 6;

export interface WidgetJson {
  readonly type: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** A widget knows its size and content; its position is decided once, by the layout. */
export abstract class Widget {
  /** `where` names the widget in messages, e.g. `MetricWidget "Target Latency"`. */
  constructor(
    readonly width: number,
    readonly height: number,
    where?: string,
  ) {
    const at = where ?? this.constructor.name;
    if (!Number.isInteger(width) || width < 1 || width > GRID_WIDTH) {
      throw new Error(`${at}: width must be a whole number 1..${GRID_WIDTH}, received ${width}`);
    }
    if (!Number.isInteger(height) || height < 1 || height > 1000) {
      throw new Error(`${at}: height must be a whole number 1..1000, received ${height}`);
    }
  }

  abstract readonly type: string;
  abstract properties(): Record<string, unknown>;

  toJson(x: number, y: number): WidgetJson {
    return { type: this.type, x, y, width: this.width, height: this.height, properties: this.properties() };
  }
}

/** Widgets side by side; a widget that would pass column 24 wraps to a new line under the tallest so far. */
export class Row {
  readonly widgets: readonly Widget[];

  constructor(...widgets: Widget[]) {
    this.widgets = widgets;
  }

  place(top: number): { json: WidgetJson[]; height: number } {
    const json: WidgetJson[] = [];
    let x = 0;
    let y = top;
    let lineHeight = 0;
    for (const w of this.widgets) {
      if (x + w.width > GRID_WIDTH) {
        y += lineHeight;
        x = 0;
        lineHeight = 0;
      }
      json.push(w.toJson(x, y));
      x += w.width;
      lineHeight = Math.max(lineHeight, w.height);
    }
    return { json, height: y + lineHeight - top };
  }
}

export const MAX_WIDGETS = 500;

/** Stacks rows top to bottom. Deterministic: the same rows give the same coordinates. */
export function layoutRows(rows: readonly Row[]): WidgetJson[] {
  const out: WidgetJson[] = [];
  let y = 0;
  for (const row of rows) {
    const placed = row.place(y);
    out.push(...placed.json);
    y += placed.height;
  }
  if (out.length > MAX_WIDGETS) throw new Error(`dashboard has ${out.length} widgets; CloudWatch allows at most ${MAX_WIDGETS}`);
  return out;
}

/**
 * What CloudWatch would render wrongly: a widget past column 24 (x 0-23, width 1-24) or two widgets on
 * the same cells. `layoutRows` cannot produce either; this guards hand-made bodies and future changes.
 */
export function layoutProblems(widgets: readonly WidgetJson[]): string[] {
  const problems: string[] = [];
  const name = (w: WidgetJson) => `${w.type} "${String(w.properties.title ?? "")}" at (${w.x},${w.y})`;
  for (const w of widgets) {
    if (w.x < 0 || w.y < 0 || w.x + w.width > GRID_WIDTH) problems.push(`${name(w)} width ${w.width} passes column ${GRID_WIDTH}`);
  }
  for (let i = 0; i < widgets.length; i++) {
    for (let j = i + 1; j < widgets.length; j++) {
      const [a, b] = [widgets[i], widgets[j]];
      const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
      if (!apart) problems.push(`${name(a)} overlaps ${name(b)}`);
    }
  }
  if (widgets.length > MAX_WIDGETS) problems.push(`dashboard has ${widgets.length} widgets; CloudWatch allows at most ${MAX_WIDGETS}`);
  return problems;
}
