/**
 * Property selectors of CloudWatch Logs JSON filter patterns and metric values: `$.level`, `$.user.id`,
 * `$.users[0].email`, `$.['cluster.name']` ("Using filter patterns to match terms in JSON log events").
 * Wildcard selectors (`$.*`, `[*]`) are not supported here: they throw.
 */
export type SelectorStep = { readonly key: string } | { readonly index: number };

export interface JsonSelector {
  readonly text: string;
  readonly steps: readonly SelectorStep[];
}

/** Marks a selector that points at nothing, as opposed to a JSON `null`. */
export const ABSENT: unique symbol = Symbol("absent");

const NAME = /[A-Za-z0-9_-]/;

/**
 * Reads a selector starting at `text[start]` (which must be `$`); returns it and the index after it.
 * `context` names the pattern in errors.
 */
export function readSelector(text: string, start: number, context: string): { selector: JsonSelector; end: number } {
  if (text[start] !== "$") throw new Error(`${context}: expected a property selector starting with $ at position ${start}`);
  const steps: SelectorStep[] = [];
  let i = start + 1;
  for (;;) {
    if (text[i] === "." && text[i + 1] === "[") {
      i += 1; // `$.['cluster.name']`: the dot before a bracket adds nothing
      continue;
    }
    if (text[i] === ".") {
      let j = i + 1;
      while (j < text.length && NAME.test(text[j])) j++;
      if (text[j] === "*" && j === i + 1) throw new Error(`${context}: wildcard selectors ($.*) are not supported by the replay`);
      if (j === i + 1) throw new Error(`${context}: expected a property name after "." at position ${i}`);
      steps.push({ key: text.slice(i + 1, j) });
      i = j;
      continue;
    }
    if (text[i] === "[") {
      const close = text.indexOf("]", i);
      if (close < 0) throw new Error(`${context}: unclosed [ at position ${i}`);
      const inner = text.slice(i + 1, close).trim();
      if (inner === "*") throw new Error(`${context}: wildcard selectors ([*]) are not supported by the replay`);
      const quoted = /^'([^']*)'$|^"([^"]*)"$/.exec(inner);
      if (quoted) steps.push({ key: quoted[1] ?? quoted[2] });
      else if (/^\d+$/.test(inner)) steps.push({ index: Number(inner) });
      else throw new Error(`${context}: [${inner}] is neither an array index nor a quoted key`);
      i = close + 1;
      continue;
    }
    break;
  }
  if (steps.length === 0) throw new Error(`${context}: a selector must name a property ($.name), not the whole event`);
  return { selector: { text: text.slice(start, i), steps }, end: i };
}

export function parseSelector(text: string, context: string): JsonSelector {
  const { selector, end } = readSelector(text.trim(), 0, context);
  if (end !== text.trim().length) throw new Error(`${context}: unexpected "${text.trim().slice(end)}" after the selector ${selector.text}`);
  return selector;
}

export function selectValue(event: unknown, selector: JsonSelector): unknown {
  let node: unknown = event;
  for (const step of selector.steps) {
    if ("key" in step) {
      if (typeof node !== "object" || node === null || Array.isArray(node)) return ABSENT;
      if (!Object.hasOwn(node, step.key)) return ABSENT;
      node = (node as Record<string, unknown>)[step.key];
    } else {
      if (!Array.isArray(node) || step.index >= node.length) return ABSENT;
      node = node[step.index];
    }
  }
  return node;
}
