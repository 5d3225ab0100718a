/**
 * IAM policy JSON as typed objects (identity policies, KMS key policies, SNS topic policies share the grammar).
 * Policies are built as these objects and rendered once, so tests and guard rails read the same structure.
 */
export type OneOrMore<T> = T | readonly T[];

export type Principal = "*" | { readonly AWS?: OneOrMore<string>; readonly Service?: OneOrMore<string> };

/** operator (StringEquals, ArnLike, …) → condition key → value(s). */
export type Conditions = Readonly<Record<string, Readonly<Record<string, OneOrMore<string>>>>>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: Principal;
  readonly Action?: OneOrMore<string>;
  readonly NotAction?: OneOrMore<string>;
  readonly Resource?: OneOrMore<string>;
  readonly NotResource?: OneOrMore<string>;
  readonly Condition?: Conditions;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Id?: string;
  readonly Statement: readonly PolicyStatement[];
}

export const asList = <T>(v: OneOrMore<T> | undefined): readonly T[] => (v === undefined ? [] : Array.isArray(v) ? (v as readonly T[]) : [v as T]);
