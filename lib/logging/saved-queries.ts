import { CloudwatchQueryDefinition } from "@cdktf/provider-aws/lib/cloudwatch-query-definition";
import type { ITerraformDependable } from "cdktf";
import { Construct } from "constructs";
import type { EnvContext } from "../context";
import { terraformLiteral } from "../terraform-literal";
import { planQueries, type QueriedService, type UnansweredQuery } from "./queries/query-plan";
import type { QueryParams, SavedQuery } from "./queries/saved-query";

export interface SavedQueriesProps {
  readonly env: EnvContext;
  readonly queries: readonly SavedQuery[];
  readonly params: QueryParams;
  /** The environment's services with their literal log group names and formats. */
  readonly services: readonly QueriedService[];
  /** The log groups themselves, so each definition is created after the groups it names. */
  readonly dependsOn?: ITerraformDependable[];
}

/** Saved Logs Insights queries in the console folder `AxonFlow/<env>/`, each scoped to the groups it can read. */
export class SavedQueries extends Construct {
  readonly definitions: ReadonlyMap<string, CloudwatchQueryDefinition>;
  /** Queries left out for services whose format cannot answer them. */
  readonly unanswered: readonly UnansweredQuery[];

  constructor(scope: Construct, id: string, props: SavedQueriesProps) {
    super(scope, id);
    if (props.services.length === 0) throw new Error(`${this.node.path}: saved queries need at least one log group`);
    const ids = props.queries.map((q) => q.id);
    const twice = ids.find((q, i) => ids.indexOf(q) !== i);
    if (twice !== undefined) throw new Error(`${this.node.path}: query id "${twice}" is used twice; rename one`);
    const { planned, unanswered } = planQueries(props.queries, props.services, props.params);
    const definitions = new Map<string, CloudwatchQueryDefinition>();
    for (const query of planned) {
      definitions.set(
        query.id,
        new CloudwatchQueryDefinition(this, query.id, {
          name: props.env.naming.queryName(query.title),
          // Query text is literal; `${` would otherwise be read as Terraform interpolation.
          queryString: terraformLiteral(query.text),
          logGroupNames: [...query.logGroupNames],
          dependsOn: props.dependsOn,
        }),
      );
    }
    this.definitions = definitions;
    this.unanswered = unanswered;
  }
}
