import { fromTerraformLiteral } from "../lib/terraform-literal";
import { isJsonObject } from "../replay/json-object";
import { resourcesOfType, type StackJson } from "../replay/world";
import { GRID_WIDTH } from "../lib/dashboard/grid";
import type { GridPlacement } from "./grid-geometry";

/** One widget of the dashboard body, as CloudWatch reads it. `index` is its position in `widgets`. */
export interface DashboardWidget {
  readonly index: number;
  readonly type: string;
  readonly placement: GridPlacement;
  readonly properties: Readonly<Record<string, unknown>>;
}

export interface DashboardSource {
  readonly name: string;
  readonly widgets: readonly DashboardWidget[];
}

// Dashboard body doc: width and height default to 6.
const DEFAULT_SIZE = 6;

/**
 * The stack's one `aws_cloudwatch_dashboard`, its `dashboard_body` parsed as CloudWatch receives it (Terraform
 * turns `$${` back into `${`). Read from cdk.tf.json, never from lib/: the preview shows what deploys.
 */
export function dashboardFromStack(stack: StackJson): DashboardSource {
  const dashboards = Object.entries(resourcesOfType(stack, "aws_cloudwatch_dashboard"));
  if (dashboards.length !== 1) {
    throw new Error(
      `${stack.file}: resource.aws_cloudwatch_dashboard: the preview renders one dashboard per stack; found ${dashboards.length}` +
        (dashboards.length > 1 ? ` (${dashboards.map(([a]) => a).join(", ")})` : ""),
    );
  }
  const [address, block] = dashboards[0]!;
  const where = `${stack.file}: resource.aws_cloudwatch_dashboard.${address}`;
  const name = typeof block.dashboard_name === "string" ? block.dashboard_name : address;
  if (typeof block.dashboard_body !== "string") throw new Error(`${where}.dashboard_body: expected a string of JSON`);
  let body: unknown;
  try {
    body = JSON.parse(fromTerraformLiteral(block.dashboard_body));
  } catch (e) {
    throw new Error(`${where}.dashboard_body: not JSON (${(e as Error).message})`);
  }
  if (!isJsonObject(body) || !Array.isArray(body.widgets))
    throw new Error(`${where}.dashboard_body: expected an object with a widgets list`);
  return { name, widgets: placeWidgets(body.widgets, `${where}.dashboard_body`) };
}

/**
 * Widgets with their grid placement. A widget without x/y goes where CloudWatch would put it: after the previous
 * widget on the same line, or on a new line when it would pass column 24.
 */
export function placeWidgets(widgets: readonly unknown[], where: string): DashboardWidget[] {
  let cursorX = 0;
  let cursorY = 0;
  let lineHeight = 0;
  return widgets.map((raw, index) => {
    if (!isJsonObject(raw)) throw new Error(`${where}: widgets.${index}: expected an object`);
    const size = (key: "width" | "height") => {
      const v = raw[key];
      if (v === undefined) return DEFAULT_SIZE;
      if (typeof v !== "number" || !Number.isInteger(v) || v < 1)
        throw new Error(`${where}: widgets.${index}.${key}: expected a whole number ≥ 1, received ${JSON.stringify(v)}`);
      return v;
    };
    const width = Math.min(size("width"), GRID_WIDTH);
    const height = size("height");
    let x: number;
    let y: number;
    if (typeof raw.x === "number" && typeof raw.y === "number") {
      [x, y] = [raw.x, raw.y];
    } else {
      if (cursorX + width > GRID_WIDTH) [cursorX, cursorY, lineHeight] = [0, cursorY + lineHeight, 0];
      [x, y] = [cursorX, cursorY];
    }
    [cursorX, cursorY, lineHeight] = [x + width, y, Math.max(y === cursorY ? lineHeight : 0, height)];
    const properties = isJsonObject(raw.properties) ? raw.properties : {};
    return { index, type: typeof raw.type === "string" ? raw.type : "(no type)", placement: { x, y, width, height }, properties };
  });
}
