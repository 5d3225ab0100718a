import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { Construct } from "constructs";
import { APPLICATION } from "../naming";
import type { EnvContext } from "../context";

export interface EnvironmentLogGroupProps {
  readonly env: EnvContext;
  readonly retentionDays: number;
}

/** The environment's root log group `/axonflow/<env>`, as in the guide's Terraform module. */
export class EnvironmentLogGroup extends Construct {
  readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: EnvironmentLogGroupProps) {
    super(scope, id);
    this.logGroup = new CloudwatchLogGroup(this, "Default", {
      name: props.env.naming.logGroup(),
      retentionInDays: props.retentionDays,
      tags: { Environment: props.env.name, Application: APPLICATION },
    });
  }
}
