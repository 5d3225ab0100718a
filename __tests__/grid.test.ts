import { layoutProblems, layoutRows, MAX_WIDGETS, Row, type WidgetJson } from "../lib/dashboard/grid";
import { TextWidget } from "../lib/dashboard/widgets/text-widget";
import { expectNoOverlap } from "./support/dashboard-body";

const w = (width: number, height = 6) => new TextWidget({ markdown: `w${width}`, width, height });
const at = (x: number, y: number, width: number, height: number, title = ""): WidgetJson => ({ type: "text", x, y, width, height, properties: { title } });

describe("layoutRows", () => {
  test("a row wraps a widget that would pass column 24 and the next row starts below the tallest", () => {
    const placed = layoutRows([new Row(w(12), w(8, 3), w(12)), new Row(w(24))]);
    expect(placed.map((p) => [p.x, p.y])).toEqual([[0, 0], [12, 0], [0, 6], [0, 12]]);
    expectNoOverlap(placed);
    expect(layoutProblems(placed)).toEqual([]);
  });

  test("is deterministic: the same rows give the same coordinates", () => {
    const rows = () => [new Row(w(5), w(7, 2), w(13), w(24, 1)), new Row(w(1), w(23))];
    expect(layoutRows(rows())).toEqual(layoutRows(rows()));
  });

  test("rejects more widgets than a dashboard may hold", () => {
    const many = Array.from({ length: MAX_WIDGETS + 1 }, () => w(24, 1));
    expect(() => layoutRows([new Row(...many)])).toThrow(`dashboard has 501 widgets; CloudWatch allows at most ${MAX_WIDGETS}`);
    expect(() => layoutRows([new Row(...many.slice(1))])).not.toThrow();
  });
});

describe("layoutProblems", () => {
  test("reports a widget past column 24 and two widgets on the same cells", () => {
    expect(layoutProblems([at(18, 0, 8, 6, "wide"), at(0, 0, 12, 6, "a"), at(6, 3, 6, 6, "b")])).toEqual([
      'text "wide" at (18,0) width 8 passes column 24',
      'text "a" at (0,0) overlaps text "b" at (6,3)',
    ]);
  });

  test("widgets that only touch do not overlap", () => {
    expect(layoutProblems([at(0, 0, 12, 6), at(12, 0, 12, 6), at(0, 6, 24, 1)])).toEqual([]);
  });
});
