import type { MetricDefinition } from "./metric";
import { isStatistic, STATISTIC_RULE } from "./statistic";

/**
 * A metric-math SEARCH over every series of one catalog metric, whatever its dimension values: for
 * dimensions whose values are only known at run time (the model name in TokensUsed).
 * Syntax per "CloudWatch search expression syntax"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/search-expression-syntax.html):
 * `SEARCH('{Namespace,Dim1,…} MetricName="Name"', 'Statistic', Period)`. Names with non-alphanumeric
 * characters (our namespace `AxonFlow/<env>`) are double-quoted in the schema; inside an exact-match
 * term `"`, `\`, `(` and `)` are backslash-escaped. A query is at most 1024 characters.
 */
export const MAX_SEARCH_QUERY = 1024;

export function searchExpression(definition: MetricDefinition<string>, statistic: string, periodSeconds: number): string {
  const where = `SEARCH over ${definition.namespace}/${definition.metricName}`;
  if (!isStatistic(statistic))
    throw new Error(`${where}: statistic ${JSON.stringify(statistic)} is not a CloudWatch statistic; ${STATISTIC_RULE}`);
  if (!Number.isInteger(periodSeconds) || periodSeconds < 60 || periodSeconds % 60 !== 0) {
    throw new Error(`${where}: period ${periodSeconds} s is not allowed; allowed: a multiple of 60`);
  }
  const schema = [definition.namespace, ...definition.dimensionKeys].map(schemaName).join(",");
  const query = `{${schema}} MetricName="${exact(definition.metricName)}"`;
  if (query.length > MAX_SEARCH_QUERY)
    throw new Error(`${where}: query is ${query.length} characters; allowed: at most ${MAX_SEARCH_QUERY}`);
  // The query sits inside single quotes; CloudWatch names cannot contain one, but fail loudly if they do.
  if (query.includes("'")) throw new Error(`${where}: names must not contain a single quote`);
  return `SEARCH('${query}', '${statistic}', ${periodSeconds})`;
}

const schemaName = (name: string) => (/^[A-Za-z0-9]+$/.test(name) ? name : `"${exact(name)}"`);
const exact = (term: string) => term.replace(/["\\()]/g, (c) => `\\${c}`);
