import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { Comment } from '../../../services/comments.js';
import type { Issue } from '../../../services/issues.js';
import type { Reaction } from '../../../services/reactions.js';
import type { RepoContext } from '../../../services/repositories.js';
import { callerOf } from '../auth.js';
import { rfc3339 } from '../convert/time.js';
import { toApiUser } from '../convert/user.js';
import { Empty, errorResponses, Int64, ref } from '../schemas/common.js';
import { EditReactionOption, Reaction as ReactionSchema } from '../schemas/issue.js';
import type { Api } from '../types.js';
import { userViewOf } from '../view.js';
import { RepoParams, repoOf } from './context.js';
import { getUsersByIdsFor } from './users-of.js';


/** Reactions to issues (`/issues/{index}/reactions`) and comments (`/issues/comments/{id}/reactions`). */
export default async function reactionRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['issue'];

  async function render(request: FastifyRequest, reactions: Reaction[]) {
    const users = await getUsersByIdsFor(services, reactions.map((r) => r.userId));
    const view = userViewOf(request);
    return reactions.filter((r) => users.has(r.userId)).map((r) => ({ user: toApiUser(users.get(r.userId)!, view), content: r.type, created_at: rfc3339(r.createdUnix) }));
  }

  const targets: { path: string; noun: string; params: ReturnType<typeof Type.Object>; ops: [string, string, string]; of(request: FastifyRequest, rc: RepoContext): Promise<{ issue: Issue; comment: Comment | null }> }[] = [
    {
      path: '/repos/:owner/:repo/issues/:index/reactions',
      noun: 'an issue',
      params: Type.Object({ ...RepoParams, index: Int64({ description: 'index of the issue' }) }),
      ops: ['issueGetIssueReactions', 'issuePostIssueReaction', 'issueDeleteIssueReaction'],
      of: async (request, rc) => ({ issue: await services.issues.get(rc, (request.params as { index: number }).index), comment: null }),
    },
    {
      path: '/repos/:owner/:repo/issues/comments/:id/reactions',
      noun: 'a comment',
      params: Type.Object({ ...RepoParams, id: Int64({ description: 'id of the comment' }) }),
      ops: ['issueGetCommentReactions', 'issuePostCommentReaction', 'issueDeleteCommentReaction'],
      of: async (request, rc) => services.comments.get(rc, (request.params as { id: number }).id),
    },
  ];

  for (const target of targets) {
    const rcOf = (request: FastifyRequest) => repoOf(request as FastifyRequest<{ Params: { owner: string; repo: string } }>);
    app.get(target.path, { config: { scope: 'issue' }, schema: { tags, summary: `Reactions to ${target.noun}`, operationId: target.ops[0], params: target.params, response: { 200: Type.Array(ref(ReactionSchema)), ...errorResponses(401, 403, 404) } } }, async (request: FastifyRequest) => {
      const { issue, comment } = await target.of(request, await rcOf(request));
      return render(request, await services.reactions.list(issue, comment));
    });
    app.post(target.path, { config: { scope: 'issue', access: 'signed' }, schema: { tags, summary: `React to ${target.noun}`, operationId: target.ops[1], params: target.params, body: ref(EditReactionOption), response: { 200: ref(ReactionSchema), 201: ref(ReactionSchema), ...errorResponses(401, 403, 404, 422) } } }, async (request: FastifyRequest, reply: FastifyReply) => {
      const rc = await rcOf(request);
      const { issue, comment } = await target.of(request, rc);
      const result = (await services.reactions.react(rc, issue, comment, callerOf(request).user, (request.body as Static<typeof EditReactionOption>).content, true))!;
      // 201 for a new reaction, 200 when the user had already given it (as in Gitea).
      return reply.code(result.created ? 201 : 200).send((await render(request, [result.reaction]))[0]);
    });
    app.delete(target.path, { config: { scope: 'issue', access: 'signed' }, schema: { tags, summary: `Take back a reaction to ${target.noun}`, operationId: target.ops[2], params: target.params, body: ref(EditReactionOption), response: { 200: Empty, ...errorResponses(401, 403, 404, 422) } } }, async (request: FastifyRequest, reply: FastifyReply) => {
      const rc = await rcOf(request);
      const { issue, comment } = await target.of(request, rc);
      await services.reactions.react(rc, issue, comment, callerOf(request).user, (request.body as Static<typeof EditReactionOption>).content, false);
      return reply.code(200).send(null);
    });
  }
}
