import { Testing } from "cdktf";
import { skipTokenCreationTraces } from "../../lib/token-creation-traces";
// Brings the matchers' types (toHaveResourceWithProperties, …) into the program for tsc.
import "cdktf/lib/testing/adapters/jest";

Testing.setupJest();

// As in main.ts: synthesis without a stack trace per token (lib/token-creation-traces.ts).
skipTokenCreationTraces();
