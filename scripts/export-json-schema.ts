import { writeFileSync } from "node:fs";
import { environmentJsonSchema } from "../lib/config/json-schema";

// Regenerates environments/environment.schema.json from the zod schema; a test fails when it is stale.
const target = "environments/environment.schema.json";
writeFileSync(target, environmentJsonSchema());
console.log(`wrote ${target}`);
