import type { LogFormat } from "../../config/log-formats";
import type { QueryParams, SavedQuery } from "./saved-query";

/** A service as the queries see it: where it logs and how. */
export interface QueriedService {
  readonly name: string;
  readonly logGroupName: string;
  readonly logFormat: LogFormat;
}

/** One query definition to create: a query's text for one format, over the groups of that format's services. */
export interface PlannedQuery {
  /** Construct id: the query's id, suffixed with the format where the environment writes more than one. */
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly logGroupNames: readonly string[];
}

/** A query some services cannot answer in their format, and why; HANDOFF lists these. */
export interface UnansweredQuery {
  readonly title: string;
  readonly format: LogFormat;
  readonly services: readonly string[];
  readonly why: string;
}

/**
 * Which definitions an environment gets: each query once per log format its services write, where that format
 * can answer it. With a single format the names are the guide's titles; with several each says its format.
 */
export function planQueries(
  queries: readonly SavedQuery[],
  services: readonly QueriedService[],
  params: QueryParams,
): { planned: PlannedQuery[]; unanswered: UnansweredQuery[] } {
  const byFormat = new Map<LogFormat, QueriedService[]>();
  for (const s of services) byFormat.set(s.logFormat, [...(byFormat.get(s.logFormat) ?? []), s]);
  const several = byFormat.size > 1;
  const planned: PlannedQuery[] = [];
  const unanswered: UnansweredQuery[] = [];
  for (const query of queries) {
    for (const [format, group] of byFormat) {
      const text = query.text[format];
      if (text === undefined) {
        const why = query.unanswerable ?? `no ${format} text`;
        unanswered.push({ title: query.title, format, services: group.map((s) => s.name), why });
        continue;
      }
      planned.push({
        id: several ? `${query.id}-${format}` : query.id,
        title: several ? `${query.title} (${format})` : query.title,
        text: text(params),
        logGroupNames: group.map((s) => s.logGroupName),
      });
    }
  }
  return { planned, unanswered };
}
