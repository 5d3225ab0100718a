import { CloudwatchQueryDefinition } from "@cdktf/provider-aws/lib/cloudwatch-query-definition";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { EnvContext } from "../context";
import { terraformLiteral } from "../terraform-literal";
import type { QueryParams, SavedQuery } from "./queries/saved-query";

export interface SavedQueriesProps {
  readonly env: EnvContext;
  readonly queries: readonly SavedQuery[];
  readonly params: QueryParams;
  /** The environment's log group names, literal; every query runs over all of them. */
  readonly logGroupNames: readonly string[];
  /** The log groups themselves, so each definition is created after the groups it names. */
  readonly dependsOn?: ITerraformDependable[];
}

/** Saved Logs Insights queries in the console folder `AxonFlow/<env>/`, scoped to this environment's groups. */
export class SavedQueries extends Construct {
  readonly definitions: ReadonlyMap<string, CloudwatchQueryDefinition>;

  constructor(scope: Construct, id: string, props: SavedQueriesProps) {
    super(scope, id);
    if (props.logGroupNames.length === 0) throw new Error(`${this.node.path}: saved queries need at least one log group`);
    const definitions = new Map<string, CloudwatchQueryDefinition>();
    for (const query of props.queries) {
      if (definitions.has(query.id)) throw new Error(`${this.node.path}: query id "${query.id}" is used twice; rename one`);
      definitions.set(
        query.id,
        new CloudwatchQueryDefinition(this, query.id, {
          name: props.env.naming.queryName(query.title),
          // Query text is literal; `${` would otherwise be read as Terraform interpolation.
          queryString: terraformLiteral(query.text(props.params)),
          logGroupNames: [...props.logGroupNames],
          dependsOn: props.dependsOn,
        }),
      );
    }
    this.definitions = definitions;
  }
}
