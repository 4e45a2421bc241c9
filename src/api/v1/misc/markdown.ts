import { Type } from 'typebox';
import { renderMarkdown, type MarkdownMode } from '../../../services/markdown.js';
import { errorResponses, ref } from '../schemas/common.js';
import { MarkdownOption } from '../schemas/misc.js';
import type { Api } from '../types.js';

const MODES: readonly string[] = ['gfm', 'markdown', 'comment'];
const Html = Type.String({ description: 'Rendered HTML' });

export default async function markdownRoutes(app: Api): Promise<void> {
  const config = { scope: 'misc' as const };

  app.post(
    '/markdown',
    {
      config,
      schema: {
        tags: ['miscellaneous'],
        summary: 'Render a markdown document as HTML',
        operationId: 'renderMarkdown',
        consumes: ['application/json'],
        produces: ['text/html'],
        body: ref(MarkdownOption),
        response: { 200: Html, ...errorResponses(422) },
      },
    },
    async (request, reply) => {
      const { Text = '', Mode = 'markdown', Context = '' } = request.body ?? {};
      // As in Gitea, an unknown mode renders as plain markdown, which ignores the context.
      const mode: MarkdownMode = MODES.includes(Mode.toLowerCase()) ? (Mode.toLowerCase() as MarkdownMode) : 'markdown';
      const html = renderMarkdown(Text, mode, mode === 'markdown' ? '' : Context);
      return reply.type('text/html; charset=utf-8').send(html);
    },
  );

  app.post(
    '/markdown/raw',
    {
      config,
      schema: {
        tags: ['miscellaneous'],
        summary: 'Render raw markdown as HTML',
        operationId: 'renderMarkdownRaw',
        consumes: ['text/plain'],
        produces: ['text/html'],
        body: Type.String({ description: 'Request body to render' }),
        response: { 200: Html, ...errorResponses(422) },
      },
    },
    async (request, reply) => reply.type('text/html; charset=utf-8').send(renderMarkdown(request.body, 'markdown')),
  );
}
