/** A Markdown table: header, separator, one row each; a pipe or line break inside a cell is escaped. */
export function markdownTable(header: string[], rows: string[][]): string[] {
  if (rows.length === 0) return ["None in this stack."];
  return [markdownRow(header), markdownRow(header.map(() => "---")), ...rows.map(markdownRow)];
}

// A pipe or line break inside a cell would end the cell or the row.
const markdownRow = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, "\\|").replace(/\r?\n/g, " ")).join(" | ")} |`;
