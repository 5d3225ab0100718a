import { DefaultTokenResolver, StringConcat, Token, Tokenization } from "cdktf";
import type { IConstruct } from "constructs";

/** Renders a configured value as text for people: literals as they are, Terraform references by name. */
export type Literal = (value: unknown) => string;

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** A token as the Terraform expression it synthesizes to, e.g. `${aws_sns_topic.alerts_topic_1A2B3C4D.arn}`. */
export function terraformExpression(scope: IConstruct, value: unknown): unknown {
  return Token.isUnresolved(value) ? Tokenization.resolve(value, { scope, preparing: false, resolver: RESOLVER }) : value;
}

/**
 * Most names are literal config; some are references to another resource (a filter's `log_group_name` set to
 * `logGroup.name`). Those are resolved to their Terraform expression and, where the referenced attribute's
 * configured value is known (`references`), replaced by that value, so the reader sees `/axonflow/prod/agent`
 * rather than `${aws_cloudwatch_log_group.agent_1A2B3C4D.name}`.
 */
export function literalFor(scope: IConstruct, references: ReadonlyMap<string, string>): Literal {
  return (value) => {
    if (value === undefined || value === null) return "";
    const resolved = terraformExpression(scope, value);
    const text = typeof resolved === "string" ? resolved : JSON.stringify(resolved);
    return text.replace(/\$\{[^}]+\}/g, (ref) => references.get(ref) ?? ref);
  };
}
