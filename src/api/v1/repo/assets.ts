import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { AttachmentTarget } from '../../../services/attachments.js';
import { badRequest } from '../../../services/errors.js';
import type { RepoContext } from '../../../services/repositories.js';
import { callerOf } from '../auth.js';
import { toApiAttachment } from '../convert/issue.js';
import { Empty, errorResponses, Int64, ref } from '../schemas/common.js';
import { Attachment, EditAttachmentOptions } from '../schemas/issue.js';
import type { Api } from '../types.js';
import { RepoParams, repoOf } from './context.js';


/** Files attached to issues (`/issues/{index}/assets`) and comments (`/issues/comments/{id}/assets`). */
export default async function assetRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['issue'];
  // Read per request: with HTTP_PORT=0 the address is known only once the server listens.
  const root = () => services.config.server.rootUrl;
  const rcOf = (request: FastifyRequest) => repoOf(request as FastifyRequest<{ Params: { owner: string; repo: string } }>);

  const targets: { base: string; noun: string; param: Record<string, ReturnType<typeof Int64>>; ops: [string, string, string, string, string]; of(request: FastifyRequest, rc: RepoContext): Promise<AttachmentTarget> }[] = [
    {
      base: '/repos/:owner/:repo/issues/:index/assets',
      noun: 'an issue',
      param: { index: Int64({ description: 'index of the issue' }) },
      ops: ['issueListIssueAttachments', 'issueCreateIssueAttachment', 'issueGetIssueAttachment', 'issueEditIssueAttachment', 'issueDeleteIssueAttachment'],
      of: async (request, rc) => ({ issue: await services.issues.get(rc, (request.params as { index: number }).index), comment: null }),
    },
    {
      base: '/repos/:owner/:repo/issues/comments/:id/assets',
      noun: 'a comment',
      param: { id: Int64({ description: 'id of the comment' }) },
      ops: ['issueListIssueCommentAttachments', 'issueCreateIssueCommentAttachment', 'issueGetIssueCommentAttachment', 'issueEditIssueCommentAttachment', 'issueDeleteIssueCommentAttachment'],
      of: async (request, rc) => services.comments.get(rc, (request.params as { id: number }).id),
    },
  ];

  for (const t of targets) {
    const params = Type.Object({ ...RepoParams, ...t.param });
    const oneParams = Type.Object({ ...RepoParams, ...t.param, attachment_id: Int64({ description: 'id of the attachment' }) });
    const idOf = (request: FastifyRequest) => (request.params as { attachment_id: number }).attachment_id;
    const read = { scope: 'issue' as const };
    const write = { scope: 'issue' as const, access: 'signed' as const };

    app.get(t.base, { config: read, schema: { tags, summary: `List the files of ${t.noun}`, operationId: t.ops[0], params, response: { 200: Type.Array(ref(Attachment)), ...errorResponses(401, 403, 404) } } }, async (request: FastifyRequest) => {
      const target = await t.of(request, await rcOf(request));
      return (await services.attachments.list(target)).map((a) => toApiAttachment(a, root()));
    });
    app.post(
      t.base,
      {
        config: write,
        schema: {
          tags,
          summary: `Attach a file to ${t.noun}`,
          operationId: t.ops[1],
          consumes: ['multipart/form-data'],
          params,
          querystring: Type.Object({ name: Type.Optional(Type.String({ description: 'name of the attachment (default: the file name)' })) }),
          response: { 201: ref(Attachment), ...errorResponses(400, 401, 403, 404, 413, 422) },
        },
      },
      async (request: FastifyRequest, reply: FastifyReply) => {
        const rc = await rcOf(request);
        const target = await t.of(request, rc);
        if (!request.isMultipart()) throw badRequest('send the file as multipart/form-data, in the field "attachment"');
        const file = await request.file();
        if (!file || file.fieldname !== 'attachment') throw badRequest('no file in the field "attachment"');
        const name = (request.query as { name?: string }).name || file.filename;
        const attachment = await services.attachments.upload(rc, target, callerOf(request).user, { name, data: file.file });
        return reply.code(201).send(toApiAttachment(attachment, root()));
      },
    );
    app.get(`${t.base}/:attachment_id`, { config: read, schema: { tags, summary: `Get a file of ${t.noun}`, operationId: t.ops[2], params: oneParams, response: { 200: ref(Attachment), ...errorResponses(401, 403, 404) } } }, async (request: FastifyRequest) => {
      const target = await t.of(request, await rcOf(request));
      return toApiAttachment(await services.attachments.get(target, idOf(request)), root());
    });
    app.patch(`${t.base}/:attachment_id`, { config: write, schema: { tags, summary: `Rename a file of ${t.noun}`, operationId: t.ops[3], params: oneParams, body: ref(EditAttachmentOptions), response: { 201: ref(Attachment), ...errorResponses(401, 403, 404, 422) } } }, async (request: FastifyRequest, reply: FastifyReply) => {
      const rc = await rcOf(request);
      const target = await t.of(request, rc);
      const name = (request.body as Static<typeof EditAttachmentOptions>).name ?? '';
      // Gitea answers a rename with 201.
      return reply.code(201).send(toApiAttachment(await services.attachments.rename(rc, target, callerOf(request).user, idOf(request), name), root()));
    });
    app.delete(`${t.base}/:attachment_id`, { config: write, schema: { tags, summary: `Delete a file of ${t.noun}`, operationId: t.ops[4], params: oneParams, response: { 204: Empty, ...errorResponses(401, 403, 404) } } }, async (request: FastifyRequest, reply: FastifyReply) => {
      const rc = await rcOf(request);
      await services.attachments.remove(rc, await t.of(request, rc), callerOf(request).user, idOf(request));
      return reply.code(204).send(null);
    });
  }
}
