/** `s` as a literal inside a RegExp source: `*`-patterns, file paths and code in expected messages. */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
