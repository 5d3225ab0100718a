import { z } from "zod";
import { environmentSchema } from "./schema";

/** The environment file's JSON Schema, for editors (see the `$schema` line atop each environment file). */
export function environmentJsonSchema(): string {
  const schema = z.toJSONSchema(environmentSchema, { io: "input", unrepresentable: "any" });
  return `${JSON.stringify({ ...schema, title: "AxonFlow CloudWatch environment" }, null, 2)}\n`;
}
