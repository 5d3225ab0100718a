import { TextWidget } from "../lib/dashboard/widgets/text-widget";

describe("TextWidget", () => {
  test("renders markdown, and background only when set", () => {
    expect(new TextWidget({ markdown: "# Hi", width: 6, height: 2 }).toJson(0, 0)).toEqual({ type: "text", x: 0, y: 0, width: 6, height: 2, properties: { markdown: "# Hi" } });
    expect(new TextWidget({ markdown: "x", width: 6, height: 2, background: "transparent" }).toJson(0, 0).properties).toEqual({ markdown: "x", background: "transparent" });
  });

  test.each<[string, () => TextWidget, string]>([
    ["blank markdown", () => new TextWidget({ markdown: "  ", width: 6, height: 2 }), "TextWidget: markdown is required"],
    ["a height of 0", () => new TextWidget({ markdown: "x", width: 6, height: 0 }), "TextWidget: height must be a whole number 1..1000, received 0"],
    ["a width of 25", () => new TextWidget({ markdown: "x", width: 25, height: 2 }), "TextWidget: width must be a whole number 1..24, received 25"],
  ])("rejects %s", (_, make, message) => expect(make).toThrow(message));
});
