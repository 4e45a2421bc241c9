import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { User } from '../../../models/users.js';
import { notFound } from '../../../services/errors.js';
import { callerOf } from '../auth.js';
import { pageOf, setPageHeaders } from '../pagination.js';
import { Empty, errorResponses, PageQuery, ref } from '../schemas/common.js';
import { CreateEmailOption, DeleteEmailOption, Email, UserSettings, UserSettingsOptions } from '../schemas/user-resources.js';
import { User as UserSchema } from '../schemas/user.js';
import type { Api } from '../types.js';
import { userPage } from '../user-page.js';
import { viewerOf } from '../view.js';

const UserParams = Type.Object({ username: Type.String({ description: 'username of user' }) });

const settingsOf = (u: User) => ({
  full_name: u.fullName,
  website: u.website,
  description: u.description,
  location: u.location,
  language: u.language,
  theme: u.theme,
  diff_view_style: u.diffViewStyle,
  hide_email: u.keepEmailPrivate,
  hide_activity: u.hideActivity,
});

export default async function userResourceRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['user'];
  const signed = { scope: 'user' as const, access: 'signed' as const };
  const open = { scope: 'user' as const };

  // ---- e-mails

  const emailList = async (user: User) =>
    (await services.userResources.emails(user)).map((e) => ({ email: e.email, verified: e.verified, primary: e.primary, user_id: user.id, username: user.name }));

  app.get(
    '/user/emails',
    { config: signed, schema: { tags, summary: "List the authenticated user's email addresses", operationId: 'userListEmails', response: { 200: Type.Array(ref(Email)), ...errorResponses(401, 403) } } },
    async (request) => emailList(callerOf(request).user),
  );

  app.post(
    '/user/emails',
    { config: signed, schema: { tags, summary: 'Add email addresses', operationId: 'userAddEmail', body: ref(CreateEmailOption), response: { 201: Type.Array(ref(Email)), ...errorResponses(401, 403, 422) } } },
    async (request, reply) => {
      const user = callerOf(request).user;
      await services.userResources.addEmails(user, request.body.emails);
      return reply.code(201).send(await emailList(user));
    },
  );

  app.delete(
    '/user/emails',
    { config: signed, schema: { tags, summary: 'Delete email addresses', operationId: 'userDeleteEmail', body: ref(DeleteEmailOption), response: { 204: Empty, ...errorResponses(401, 403, 404, 422) } } },
    async (request, reply) => {
      await services.userResources.deleteEmails(callerOf(request).user, request.body.emails);
      return reply.code(204).send(null);
    },
  );

  for (const [path, operationId, withQuery] of [
    ['/admin/emails', 'adminGetAllEmails', false],
    ['/admin/emails/search', 'adminSearchEmails', true],
  ] as const) {
    app.get(
      path,
      {
        config: { scope: 'admin', access: 'admin' },
        schema: {
          tags: ['admin'],
          summary: withQuery ? 'Search all emails' : 'List all emails',
          operationId,
          querystring: Type.Object({ q: Type.Optional(Type.String({ description: 'keyword' })), ...PageQuery }),
          response: { 200: Type.Array(ref(Email)), ...errorResponses(401, 403) },
        },
      },
      async (request, reply) => {
        const query = request.query as { q?: string; page?: number; limit?: number };
        const page = pageOf(query, services.config.api);
        const { rows, total } = await services.userResources.allEmails(withQuery ? (query.q ?? '').trim() : '', page.offset, page.limit);
        setPageHeaders(request, reply, services.config.server.rootUrl, page, total);
        return rows.map((r) => ({ email: r.email, verified: r.activated, primary: r.primary, user_id: r.uid, username: r.username }));
      },
    );
  }

  // ---- followers and following

  async function listFollows(request: FastifyRequest, reply: FastifyReply, user: User, direction: 'followers' | 'following') {
    return userPage(request, reply, (page) => services.userResources.follows(user, direction, page.offset, page.limit));
  }

  for (const direction of ['followers', 'following'] as const) {
    const title = direction === 'followers' ? 'Followers' : 'Following';
    app.get(
      `/user/${direction}`,
      { config: signed, schema: { tags, summary: `List the authenticated user's ${direction}`, operationId: `userCurrentList${title}`, querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(UserSchema)), ...errorResponses(401, 403) } } },
      async (request, reply) => listFollows(request, reply, callerOf(request).user, direction),
    );
    app.get(
      `/users/:username/${direction}`,
      { config: open, schema: { tags, summary: `List the given user's ${direction}`, operationId: `userList${title}`, params: UserParams, querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(UserSchema)), ...errorResponses(401, 403, 404) } } },
      async (request, reply) => listFollows(request, reply, await services.users.visibleByName((request.params as { username: string }).username, viewerOf(request)), direction),
    );
  }

  app.get(
    '/user/following/:username',
    { config: signed, schema: { tags, summary: 'Check whether a user is followed by the authenticated user', operationId: 'userCurrentCheckFollowing', params: UserParams, response: { 204: Empty, ...errorResponses(401, 403, 404) } } },
    async (request, reply) => {
      const target = await services.users.visibleByName(request.params.username, viewerOf(request));
      if (!(await services.userResources.isFollowing(callerOf(request).user, target))) throw notFound('the user is not followed');
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/users/:username/following/:target',
    {
      config: open,
      schema: { tags, summary: 'Check if one user is following another user', operationId: 'userCheckFollowing', params: Type.Object({ username: Type.String(), target: Type.String() }), response: { 204: Empty, ...errorResponses(401, 403, 404) } },
    },
    async (request, reply) => {
      const user = await services.users.visibleByName(request.params.username, viewerOf(request));
      const target = await services.users.visibleByName(request.params.target, viewerOf(request));
      if (!(await services.userResources.isFollowing(user, target))) throw notFound('the user is not followed');
      return reply.code(204).send(null);
    },
  );

  for (const [method, on, operationId, summary] of [
    ['put', true, 'userCurrentPutFollow', 'Follow a user'],
    ['delete', false, 'userCurrentDeleteFollow', 'Unfollow a user'],
  ] as const) {
    app[method](
      '/user/following/:username',
      { config: signed, schema: { tags, summary, operationId, params: UserParams, response: { 204: Empty, ...errorResponses(401, 403, 404, 422) } } },
      async (request, reply) => {
        const target = await services.users.visibleByName((request.params as { username: string }).username, viewerOf(request));
        await services.userResources.follow(callerOf(request).user, target, on);
        return reply.code(204).send(null);
      },
    );
  }

  // ---- settings (Gitea answers one object, whatever its document says)

  app.get(
    '/user/settings',
    { config: signed, schema: { tags, summary: 'Get user settings', operationId: 'getUserSettings', response: { 200: ref(UserSettings), ...errorResponses(401, 403) } } },
    async (request) => settingsOf(callerOf(request).user),
  );

  app.patch(
    '/user/settings',
    { config: signed, schema: { tags, summary: 'Update user settings', operationId: 'updateUserSettings', body: ref(UserSettingsOptions), response: { 200: ref(UserSettings), ...errorResponses(401, 403, 422) } } },
    async (request) => {
      const user = callerOf(request).user;
      const b = request.body;
      await services.userResources.updateSettings(user, {
        fullName: b.full_name,
        website: b.website,
        description: b.description,
        location: b.location,
        language: b.language,
        theme: b.theme,
        diffViewStyle: b.diff_view_style,
        hideEmail: b.hide_email,
        hideActivity: b.hide_activity,
      });
      return settingsOf(await services.users.byId(user.id));
    },
  );
}
