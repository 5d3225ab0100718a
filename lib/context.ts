import type { EnvironmentConfig } from "./config/schema";
import { Naming } from "./naming";

/** What every construct may know about its environment. Built once per stack from the validated config. */
export interface EnvContext {
  readonly name: string;
  readonly region: string;
  readonly accountId: string;
  readonly naming: Naming;
  /** The runbook of an alarm kind: `<runbookBaseUrl>#<kind>`, or this repository's `docs/runbooks/<kind>.md`. */
  runbook(kind: string): string;
}

/** Where the runbooks live, from the environment file (the schema requires one of the two). */
export function runbookLink(config: Pick<EnvironmentConfig, "runbookBaseUrl" | "repositoryUrl">): (kind: string) => string {
  if (config.runbookBaseUrl !== undefined) {
    const base = config.runbookBaseUrl.replace(/#.*$/, "");
    return (kind) => `${base}#${kind}`;
  }
  const repository = (config.repositoryUrl ?? "").replace(/\/+$/, "");
  // The #<kind> anchor is the runbook's own heading, so both forms end in the kind.
  return (kind) => `${repository}/docs/runbooks/${kind}.md#${kind}`;
}

export function envContext(config: EnvironmentConfig): EnvContext {
  return {
    name: config.name,
    region: config.region,
    accountId: config.accountId,
    naming: new Naming(config.name),
    runbook: runbookLink(config),
  };
}
