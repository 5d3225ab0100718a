import { writeFileSync } from "node:fs";
import { RegionInfo } from "@aws-cdk/region-info";

// Regenerates lib/config/aws-region-names.json from @aws-cdk/region-info's public API, then
// environments/environment.schema.json from the zod schema; a test fails when either is stale.
const regions = "lib/config/aws-region-names.json";
writeFileSync(regions, `${JSON.stringify(RegionInfo.regions.map((r) => r.name).sort(), null, 2)}\n`);
console.log(`wrote ${regions}`);
// Loaded after the write: the schema's region enum is that list.
const { environmentJsonSchema } = require("../lib/config/json-schema") as typeof import("../lib/config/json-schema");
const target = "environments/environment.schema.json";
writeFileSync(target, environmentJsonSchema());
console.log(`wrote ${target}`);
