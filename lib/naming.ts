/**
 * Every physical name the stack creates, in one place. Alarm names are unique per account and region,
 * so each carries the environment: axonflow-<env>-<what>.
 */
export const APPLICATION = "AxonFlow";
const PREFIX = "axonflow";

export class Naming {
  constructor(readonly env: string) {}

  /**
   * `axonflow-<env>-<parts…>`, joined as given: nothing is merged or dropped, so distinct parts (say the service
   * keys `agent` and `agent-agent`) always give distinct names, and an environment called `page` or `alerts`
   * gets `axonflow-page-page` and `axonflow-alerts-alerts`, inside its own `axonflow-<env>-*` namespace.
   */
  resource(...parts: string[]): string {
    return [PREFIX, this.env, ...parts].join("-");
  }

  alarm(what: string): string {
    return this.resource(what);
  }

  /** `/axonflow/<env>` (the environment's root) or `/axonflow/<env>/<service>`. */
  logGroup(service?: string): string {
    return service ? `/${PREFIX}/${this.env}/${service}` : `/${PREFIX}/${this.env}`;
  }

  /** KMS alias of a key the stack creates: `alias/axonflow-<env>-<what>` (`alias/aws/` is reserved for AWS-managed keys). */
  kmsAlias(what: string): string {
    return `alias/${this.resource(what)}`;
  }

  get dashboard(): string {
    return `${APPLICATION}-${this.env}`;
  }

  /** Custom metrics from log metric filters. */
  get metricNamespace(): string {
    return `${APPLICATION}/${this.env}`;
  }

  /** Saved Logs Insights queries appear in the console under this folder. */
  queryName(title: string): string {
    return `${APPLICATION}/${this.env}/${title}`;
  }

  /** HCP Terraform workspace, when the environment file does not name one. */
  get terraformWorkspace(): string {
    return `${PREFIX}-${this.env}`;
  }
}

/**
 * Construct-id key of an e-mail subscription: keyed by address, not list position, so reordering the list
 * replaces nothing. Addresses differing only in case or punctuation share a key; the schema rejects such pairs.
 */
export function emailSubscriptionKey(email: string): string {
  return `email-${email.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
}
