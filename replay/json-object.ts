/** A parsed JSON object, neither null nor an array: what `cdk.tf.json`, its blocks and a dashboard body are. */
export type JsonObject = { readonly [key: string]: unknown };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
