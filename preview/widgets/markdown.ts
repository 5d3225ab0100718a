import MarkdownIt from "markdown-it";

/**
 * A text widget's Markdown as HTML. markdown-it (CommonJS, so it loads in jest and node alike) with raw HTML off:
 * `<script>` in the Markdown is shown as text, never run; its link validation refuses javascript:, vbscript:, file:
 * and data: links. Links open in a new tab, as CloudWatch's do.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, i, options, _env, self) => self.renderToken(tokens, i, options));
md.renderer.rules.link_open = (tokens, i, options, env, self) => {
  tokens[i]!.attrSet("target", "_blank");
  tokens[i]!.attrSet("rel", "noopener noreferrer");
  return defaultLinkOpen(tokens, i, options, env, self);
};

export function markdownToHtml(markdown: string): string {
  return md.render(markdown);
}
