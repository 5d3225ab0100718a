import { Testing } from "cdktf";
import { skipTokenCreationTraces } from "../../lib/synthesis/token-creation-traces";

// Registers cdktf's matchers (toHaveResourceWithProperties, toBeValidTerraform, …) on jest's expect.
Testing.setupJest();

// As in main.ts: synthesis without a stack trace per token (lib/token-creation-traces.ts).
skipTokenCreationTraces(process.env);
