/** Compact numbers for single values and axis ticks: 1.23k, 4.5M; small values keep three significant digits. */
export function formatValue(value: number): string {
  const abs = Math.abs(value);
  for (const [size, suffix] of [
    [1e12, "T"],
    [1e9, "G"],
    [1e6, "M"],
    [1e3, "k"],
  ] as const) {
    if (abs >= size) return `${trim((value / size).toPrecision(3))}${suffix}`;
  }
  return abs === 0 ? "0" : trim(abs >= 1 ? value.toFixed(abs >= 100 ? 0 : 2) : value.toPrecision(3));
}

const trim = (text: string) => (text.includes(".") && !/e/.test(text) ? text.replace(/\.?0+$/, "") : text);
