import { placeWidgets } from "../../preview/dashboard-source";
import { COLUMN_PX, GRID_WIDTH_PX, gridHeightPx, pixelBox, ROW_PX } from "../../preview/grid-geometry";

describe("grid geometry", () => {
  describe("grid → pixels", () => {
    test("24 columns fill the page width; a 12 × 6 widget at (12, 7) is a 720 × 300 box 720 px right, 350 px down", () => {
      expect(GRID_WIDTH_PX).toBe(24 * COLUMN_PX);
      expect([COLUMN_PX, ROW_PX]).toEqual([60, 50]);
      expect(pixelBox({ x: 12, y: 7, width: 12, height: 6 })).toEqual({ left: 720, top: 350, width: 720, height: 300 });
      expect(pixelBox({ x: 0, y: 0, width: 24, height: 1 })).toEqual({ left: 0, top: 0, width: 1440, height: 50 });
    });

    test("the grid is as tall as its lowest widget's bottom edge", () => {
      expect(
        gridHeightPx([
          { x: 0, y: 0, width: 12, height: 7 },
          { x: 0, y: 45, width: 12, height: 6 },
          { x: 12, y: 37, width: 12, height: 8 },
        ]),
      ).toBe(51 * ROW_PX);
      expect(gridHeightPx([])).toBe(0);
    });
  });

  describe("widget placement from the body", () => {
    test("x/y as given; width and height default to 6", () => {
      const [w] = placeWidgets([{ type: "metric", x: 6, y: 3, properties: { title: "a" } }], "body");
      expect(w).toEqual({ index: 0, type: "metric", placement: { x: 6, y: 3, width: 6, height: 6 }, properties: { title: "a" } });
    });

    test("widgets without x/y flow left to right and wrap past column 24 under the tallest", () => {
      const placed = placeWidgets(
        [
          { type: "text", width: 12, height: 3 },
          { type: "text", width: 8, height: 5 },
          { type: "text", width: 8, height: 2 },
        ],
        "body",
      );
      expect(placed.map((w) => w.placement)).toEqual([
        { x: 0, y: 0, width: 12, height: 3 },
        { x: 12, y: 0, width: 8, height: 5 },
        { x: 0, y: 5, width: 8, height: 2 },
      ]);
    });

    test("a size that is not a whole number names the widget and field", () => {
      expect(() => placeWidgets([{ type: "text", width: 2.5 }], "stack.json: dashboard_body")).toThrow(
        "stack.json: dashboard_body: widgets.0.width: expected a whole number ≥ 1, received 2.5",
      );
    });
  });
});
