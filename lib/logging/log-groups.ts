import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Construct } from "constructs";
import type { EnvContext } from "../context";
import { APPLICATION } from "../naming";

export interface ServiceLogGroupProps {
  /** Overrides the environment's retention for this service. */
  readonly retentionDays?: number;
}

export interface ServiceLogGroupsProps {
  readonly env: EnvContext;
  /** Keyed by service name (config `services`); the key is the construct id, so order never matters. */
  readonly services: Readonly<Record<string, ServiceLogGroupProps>>;
  /** The environment's retention (config `logs.retentionDays`), already validated against CloudWatch's list. */
  readonly retentionDays: number;
  /** Guard the groups against `terraform destroy` and renames (config `logs.protect`). */
  readonly protect: boolean;
  /** Customer-managed KMS key for all groups (config `logs.kmsKeyArn`). */
  readonly kmsKeyArn?: string;
}

/**
 * The log group tree of the guide: `/axonflow/<env>/<service>` for every service of the environment.
 * It replaces the guide's single `/axonflow/<env>` group: nothing ships to that one, and per-service groups
 * are what retention, metric filters, queries and the shipping policy are scoped to.
 */
export class ServiceLogGroups extends Construct {
  /** Service name → its log group, in config order. */
  readonly byService: ReadonlyMap<string, CloudwatchLogGroup>;

  constructor(scope: Construct, id: string, props: ServiceLogGroupsProps) {
    super(scope, id);
    const groups = new Map<string, CloudwatchLogGroup>();
    for (const [service, settings] of Object.entries(props.services)) {
      groups.set(
        service,
        new CloudwatchLogGroup(this, service, {
          name: props.env.naming.logGroup(service),
          retentionInDays: settings.retentionDays ?? props.retentionDays,
          kmsKeyId: props.kmsKeyArn,
          tags: { Environment: props.env.name, Application: APPLICATION },
          // prevent_destroy: a plan that deletes a group still in config (destroy, or a rename: name is ForceNew)
          // fails. It vanishes with the resource block, so a service removed from the file is covered by
          // skip_destroy, kept in state: the provider then forgets the group and its logs stay in AWS.
          skipDestroy: props.protect,
          lifecycle: props.protect ? { preventDestroy: true } : undefined,
        }),
      );
    }
    this.byService = groups;
  }

  /** Physical names, in config order: literal strings (not tokens), so JSON bodies and tests can read them. */
  get names(): string[] {
    return [...this.byService.values()].map((group) => group.nameInput!);
  }

  /** All groups, for `dependsOn` of resources that name them by literal string. */
  get groups(): CloudwatchLogGroup[] {
    return [...this.byService.values()];
  }
}
