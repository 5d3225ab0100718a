import { Widget } from "../grid";

export interface TextWidgetProps {
  /** CloudWatch renders a subset of Markdown (headings, links, lists, tables, code). */
  readonly markdown: string;
  readonly width: number;
  readonly height: number;
  readonly background?: "solid" | "transparent";
}

/** Static Markdown: the dashboard's header, links and notes. */
export class TextWidget extends Widget {
  readonly type = "text";

  constructor(private readonly props: TextWidgetProps) {
    super(props.width, props.height);
    if (props.markdown.trim().length === 0) throw new Error("TextWidget: markdown is required and must not be blank");
  }

  properties(): Record<string, unknown> {
    return { markdown: this.props.markdown, ...(this.props.background ? { background: this.props.background } : {}) };
  }
}
