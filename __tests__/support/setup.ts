import { Testing } from "cdktf";
import { skipTokenCreationTraces } from "../../lib/token-creation-traces";

// cdktf's jest adapter only needs a global `expect` with extend/arrayContaining/objectContaining: vitest's (globals: true).
Testing.setupJest();

// As in main.ts: synthesis without a stack trace per token (lib/token-creation-traces.ts).
skipTokenCreationTraces(process.env);
