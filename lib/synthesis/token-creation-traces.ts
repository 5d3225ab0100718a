// A CommonJS require, not an `import * as`: the module's exports object itself is what cdktf's classes read.
import stackTrace = require("cdktf/lib/tokens/private/stack-trace");

/**
 * Stops cdktf from recording a stack trace for every token it creates, which it keeps only to quote if that token
 * later fails to resolve. Such an error still carries cdktf's message and the failing code's own stack. Part of
 * the fast synthesis switch (fast-synthesis.ts); AXONFLOW_TOKEN_TRACES=1 keeps the traces while it is on.
 */
export function skipTokenCreationTraces(env: Readonly<Record<string, string | undefined>> = process.env): void {
  if (env.AXONFLOW_TOKEN_TRACES === "1") return;
  (stackTrace as { captureStackTrace: typeof stackTrace.captureStackTrace }).captureStackTrace = () => [];
}
