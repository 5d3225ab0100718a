/**
 * The only values `retention_in_days` accepts (CloudWatch Logs PutRetentionPolicy); anything else is
 * rejected by the API at apply time, long after review. 0 ("never expire") is deliberately not offered:
 * the guide's cost advice is "Don't store logs indefinitely".
 */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

export type RetentionDays = (typeof CLOUDWATCH_RETENTION_DAYS)[number];
