import { GRID_WIDTH } from "../lib/dashboard/grid";

/**
 * Where a widget of the dashboard body lands on the page. CloudWatch's console lays widgets on a 24-column grid
 * whose columns share the page width and whose rows have a fixed height; the preview fixes the page width too, so a
 * screenshot is the same on every machine. The proportions (60 px columns, 50 px rows: a 12 × 6 graph is 720 × 300)
 * are close to the console at 1440 px; they are not CloudWatch's published numbers (it publishes none).
 */
export const COLUMN_PX = 60;
export const ROW_PX = 50;
export const GRID_WIDTH_PX = GRID_WIDTH * COLUMN_PX;

export interface GridPlacement {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PixelBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** The pixel box of a grid placement, relative to the grid's top-left corner. */
export function pixelBox(p: GridPlacement): PixelBox {
  return { left: p.x * COLUMN_PX, top: p.y * ROW_PX, width: p.width * COLUMN_PX, height: p.height * ROW_PX };
}

/** Height of the whole grid: the lowest widget's bottom edge. */
export function gridHeightPx(placements: readonly GridPlacement[]): number {
  return placements.reduce((max, p) => Math.max(max, (p.y + p.height) * ROW_PX), 0);
}
