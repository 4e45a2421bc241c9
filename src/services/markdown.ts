import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

export type MarkdownMode = 'gfm' | 'markdown' | 'comment';

// GFM documents keep soft line breaks as spaces; comments render them as <br>, as Gitea does.
type Renderer = InstanceType<typeof MarkdownIt>;

const renderers: Record<MarkdownMode, Renderer> = {
  gfm: new MarkdownIt({ html: true, linkify: true, breaks: false }),
  comment: new MarkdownIt({ html: true, linkify: true, breaks: true }),
  markdown: new MarkdownIt('commonmark', { html: true }),
};

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: sanitizeHtml.defaults.allowedTags.concat(['img', 'del', 's', 'ins', 'details', 'summary', 'input', 'sup', 'sub', 'kbd']),
  allowedAttributes: {
    ...sanitizeHtml.defaults.allowedAttributes,
    a: ['href', 'name', 'target', 'rel', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    input: ['type', 'checked', 'disabled'],
    code: ['class'],
    '*': ['id', 'align'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'data'],
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  allowProtocolRelative: false,
};

const ABSOLUTE = /^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i;

/**
 * Renders Markdown to sanitised HTML. `context` (a URL path such as /owner/repo/src/branch/main)
 * anchors relative links and images, as Gitea's Context option does.
 */
export function renderMarkdown(text: string, mode: MarkdownMode = 'markdown', context = ''): string {
  const md = renderers[mode];
  const env = {};
  const tokens = md.parse(text, env);
  if (context) rebaseLinks(tokens, context.endsWith('/') ? context : `${context}/`);
  return sanitizeHtml(md.renderer.render(tokens, md.options, env), SANITIZE);
}

type Token = ReturnType<Renderer["parse"]>[number];

function rebaseLinks(tokens: Token[], base: string): void {
  for (const token of tokens) {
    const attr = token.type === 'link_open' ? 'href' : token.type === 'image' ? 'src' : null;
    if (attr) {
      const value = String(token.attrGet(attr) ?? "");
      if (value && !ABSOLUTE.test(value)) token.attrSet(attr, value.startsWith('/') ? value : base + value);
    }
    if (token.children) rebaseLinks(token.children, base);
  }
}
