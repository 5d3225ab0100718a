import { Widget } from "../grid";

/** How a log widget shows the query result; `table` when omitted (dashboard body doc, log widget `view`). */
export type LogWidgetView = "table" | "timeSeries" | "bar" | "pie";

export interface LogWidgetProps {
  readonly title: string;
  readonly region: string;
  /** The log groups to query, each becoming one `SOURCE '<name>'`. */
  readonly logGroupNames: readonly string[];
  /** Logs Insights query text; commands may be on separate lines, each continuation starting with `|`. */
  readonly query: string;
  readonly view?: LogWidgetView;
  readonly width: number;
  readonly height?: number;
}

// CloudWatch Logs log group names: 1-512 of these characters.
const LOG_GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;
// StartQuery's queryString is at most 10,000 characters.
const MAX_QUERY = 10_000;

/**
 * A CloudWatch Logs Insights query result. The dashboard body stores the log groups inside the query:
 * `SOURCE 'lg1' | SOURCE 'lg2' | <command>\n| <command>…` (dashboard body doc, "Properties of a Log Widget Object").
 */
export class LogWidget extends Widget {
  readonly type = "log";
  readonly query: string;

  constructor(private readonly props: LogWidgetProps) {
    super(props.width, props.height ?? 6, `LogWidget "${props.title}"`);
    const where = `LogWidget "${props.title}"`;
    if (props.logGroupNames.length === 0) throw new Error(`${where}: list at least one log group to query`);
    for (const name of props.logGroupNames) {
      if (!LOG_GROUP_NAME.test(name)) {
        throw new Error(`${where}: log group ${JSON.stringify(name)} is not a log group name; allowed: 1-512 of A-Z a-z 0-9 . - _ / #`);
      }
    }
    if (new Set(props.logGroupNames).size !== props.logGroupNames.length) throw new Error(`${where}: a log group is listed twice`);
    const commands = queryCommands(props.query);
    if (commands.length === 0) throw new Error(`${where}: the query is empty`);
    if (/^SOURCE\b/i.test(commands[0])) throw new Error(`${where}: give the log groups in logGroupNames, not as SOURCE in the query`);
    // Starts with SOURCE by construction: the log groups come only from logGroupNames.
    this.query = [...props.logGroupNames.map((n) => `SOURCE '${n}'`), commands.join("\n| ")].join(" | ");
    if (this.query.length > MAX_QUERY)
      throw new Error(`${where}: the query is ${this.query.length} characters; allowed: at most ${MAX_QUERY}`);
  }

  properties(): Record<string, unknown> {
    return { title: this.props.title, region: this.props.region, query: this.query, view: this.props.view ?? "table" };
  }
}

/**
 * Splits query text into commands: a line starting with `|` begins a command, any other line continues the
 * previous one (a multi-line `stats`), so the widget gets one command per `\n|`-separated line.
 */
function queryCommands(text: string): string[] {
  const commands: string[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line.length === 0) continue;
    if (line.startsWith("|") || commands.length === 0) commands.push(line.replace(/^\|\s*/, ""));
    else commands[commands.length - 1] += ` ${line}`;
  }
  return commands.filter((c) => c.length > 0);
}
