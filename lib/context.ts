import type { EnvironmentConfig } from "./config/schema";
import { Naming } from "./naming";

/** What every construct may know about its environment. Built once per stack from the validated config. */
export interface EnvContext {
  readonly name: string;
  readonly region: string;
  readonly accountId: string;
  readonly naming: Naming;
  /** `<runbookBaseUrl>#<anchor>`: one anchor per alarm kind. */
  runbook(anchor: string): string;
}

export function envContext(config: EnvironmentConfig): EnvContext {
  const base = config.runbookBaseUrl.replace(/#.*$/, "");
  return {
    name: config.name,
    region: config.region,
    accountId: config.accountId,
    naming: new Naming(config.name),
    runbook: (anchor) => `${base}#${anchor}`,
  };
}
