// A CommonJS require, not an `import * as`: the module's exports object itself is what cdktf's classes read.
import stackTrace = require("cdktf/lib/tokens/private/stack-trace");

/**
 * Stops cdktf from recording a stack trace for every token it creates (each resource attribute reference,
 * each `Lazy`, each function call). cdktf 0.21 captures every one with unbounded depth and formats it at once,
 * only to quote it if that token later fails to resolve; in a `node --cpu-prof` of 100 environments that was
 * ~13 % of synthesis (docs/performance.md). Without them, such an error still carries cdktf's message and the
 * stack of the code that failed to produce the value, only not where the token was created.
 *
 * This replaces a function of a private cdktf module, which is why it is one named switch, called by the app
 * (main.ts) and the test setup, never by a construct. cdktf is pinned and archived (0.21.0 is its last
 * release), so the module cannot move under us; `__tests__/synthesis/synthesis.test.ts` fails if it does.
 * AXONFLOW_TOKEN_TRACES=1 in `env` keeps the traces, for debugging a token error.
 */
export function skipTokenCreationTraces(env: Readonly<Record<string, string | undefined>>): void {
  if (env.AXONFLOW_TOKEN_TRACES === "1") return;
  (stackTrace as { captureStackTrace: typeof stackTrace.captureStackTrace }).captureStackTrace = () => [];
}
