import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { RepoOptions, RepoSearch, Repository } from '../../../models/repositories.js';
import type { EditRepoInput, RepoContext } from '../../../services/repositories.js';
import { callerOf } from '../auth.js';
import { toApiRepository } from '../convert/repo.js';
import { pageOf, setPageHeaders } from '../pagination.js';
import { Empty, errorResponses, Int64, PageQuery, ref } from '../schemas/common.js';
import { CreateRepoOption, EditRepoOption, Repository as RepositorySchema, RepoSearchResults } from '../schemas/repo.js';
import type { Api } from '../types.js';
import { repoOf } from './context.js';
import { actorOf, repoViewOf, viewerOf } from '../view.js';

export const RepoParams = Type.Object({
  owner: Type.String({ description: 'owner of the repo' }),
  repo: Type.String({ description: 'name of the repo' }),
});

/** Converts a page of repositories with owners, permissions and topics fetched in one query each. */
export async function renderRepos(request: FastifyRequest, list: Repository[]) {
  const { repos, social, migrations } = request.server.services;
  const owners = await repos.ownersOf(list);
  const ids = list.map((r) => r.id);
  const [perms, topics, mirrors] = await Promise.all([
    repos.permissionsOf(list, owners, actorOf(request)),
    social.topicsOf(ids),
    migrations.mirrorsOf(list.filter((r) => r.isMirror).map((r) => r.id)),
  ]);
  const view = repoViewOf(request);
  return list.map((r) => toApiRepository(r, owners.get(r.ownerId)!, perms.get(r.id)!, view, { topics: topics.get(r.id) ?? [], mirror: mirrors.get(r.id) }));
}

/** Converts one repository the caller has looked up, with its topics and any pending transfer. */
export async function renderRepo(request: FastifyRequest, rc: RepoContext, repo: Repository = rc.repo) {
  const { social, lifecycle, users, migrations } = request.server.services;
  const [topics, pending, mirrors] = await Promise.all([
    social.topicsOf([repo.id]),
    lifecycle.pendingTransfer(repo.id),
    repo.isMirror ? migrations.mirrorsOf([repo.id]) : Promise.resolve(new Map()),
  ]);
  const transfer = pending ? { doer: await users.byId(pending.doerId), recipient: await users.byId(pending.recipientId) } : undefined;
  return toApiRepository(repo, rc.owner, rc.perm, repoViewOf(request), { topics: topics.get(repo.id) ?? [], transfer, mirror: mirrors.get(repo.id) });
}

/** The service's input from a CreateRepoOption body (user, admin and organization forms alike). */
export function createInput(body: Static<typeof CreateRepoOption>) {
  return {
    name: body.name,
    description: body.description,
    private: body.private,
    autoInit: body.auto_init,
    gitignores: body.gitignores,
    license: body.license,
    readme: body.readme,
    issueLabels: body.issue_labels,
    defaultBranch: body.default_branch,
    template: body.template,
    trustModel: body.trust_model,
    objectFormatName: body.object_format_name as 'sha1' | 'sha256' | undefined,
  };
}

function editInput(b: Static<typeof EditRepoOption>): EditRepoInput {
  const options: Partial<RepoOptions> = {
    hasWiki: b.has_wiki,
    hasPullRequests: b.has_pull_requests,
    hasProjects: b.has_projects,
    projectsMode: b.projects_mode,
    hasReleases: b.has_releases,
    hasPackages: b.has_packages,
    hasActions: b.has_actions,
    ignoreWhitespaceConflicts: b.ignore_whitespace_conflicts,
    allowMergeCommits: b.allow_merge_commits,
    allowRebase: b.allow_rebase,
    allowRebaseExplicit: b.allow_rebase_explicit,
    allowSquashMerge: b.allow_squash_merge,
    allowFastForwardOnlyMerge: b.allow_fast_forward_only_merge,
    allowManualMerge: b.allow_manual_merge,
    autodetectManualMerge: b.autodetect_manual_merge,
    allowRebaseUpdate: b.allow_rebase_update,
    defaultDeleteBranchAfterMerge: b.default_delete_branch_after_merge,
    defaultMergeStyle: b.default_merge_style,
    defaultAllowMaintainerEdit: b.default_allow_maintainer_edit,
    enableTimeTracker: b.internal_tracker?.enable_time_tracker,
    allowOnlyContributorsToTrackTime: b.internal_tracker?.allow_only_contributors_to_track_time,
    enableIssueDependencies: b.internal_tracker?.enable_issue_dependencies,
    externalTrackerUrl: b.external_tracker?.external_tracker_url,
    externalTrackerFormat: b.external_tracker?.external_tracker_format,
    externalTrackerStyle: b.external_tracker?.external_tracker_style,
    externalTrackerRegexpPattern: b.external_tracker?.external_tracker_regexp_pattern,
    externalWikiUrl: b.external_wiki?.external_wiki_url,
  };
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<RepoOptions>;
  return {
    name: b.name,
    description: b.description,
    website: b.website,
    private: b.private,
    template: b.template,
    hasIssues: b.has_issues,
    defaultBranch: b.default_branch,
    archived: b.archived,
    options: Object.keys(defined).length ? defined : undefined,
  };
}

const SearchQuery = Type.Object({
  q: Type.Optional(Type.String({ description: 'keyword' })),
  topic: Type.Optional(Type.Boolean({ description: 'Limit search to repositories with keyword as topic' })),
  includeDesc: Type.Optional(Type.Boolean({ description: 'include search of keyword within repository description' })),
  uid: Type.Optional(Int64({ description: 'search only for repos that the user with the given id owns or contributes to' })),
  priority_owner_id: Type.Optional(Int64({ description: 'repo owner to prioritize in the results' })),
  team_id: Type.Optional(Int64({ description: 'search only for repos that belong to the given team id' })),
  starredBy: Type.Optional(Int64({ description: 'search only for repos that the user with the given id has starred' })),
  private: Type.Optional(Type.Boolean({ description: 'include private repositories this user has access to (defaults to true)' })),
  is_private: Type.Optional(Type.Boolean({ description: 'show only pubic, private or all repositories (defaults to all)' })),
  template: Type.Optional(Type.Boolean({ description: 'include template repositories this user has access to (defaults to true)' })),
  archived: Type.Optional(Type.Boolean({ description: 'show only archived, non-archived or all repositories (defaults to all)' })),
  mode: Type.Optional(Type.String({ enum: ['fork', 'source', 'mirror', 'collaborative'], description: 'type of repository to search for' })),
  exclusive: Type.Optional(Type.Boolean({ description: 'if `uid` is given, search only for repos that the user owns' })),
  sort: Type.Optional(Type.String({ enum: ['alpha', 'created', 'updated', 'size', 'git_size', 'lfs_size', 'id', 'stars', 'forks'] })),
  order: Type.Optional(Type.String({ enum: ['asc', 'desc'] })),
  ...PageQuery,
});

// git_size and lfs_size are one size here: Samovar has no LFS store yet.
function sortOf(sort: string | undefined): RepoSearch['sort'] {
  if (sort === 'git_size' || sort === 'lfs_size') return 'size';
  return (sort ?? 'alpha') as RepoSearch['sort'];
}

export default async function repoRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['repository'];
  const config = { scope: 'repository' as const };

  app.post(
    '/user/repos',
    {
      config: { ...config, access: 'signed' },
      schema: {
        tags,
        summary: 'Create a repository',
        operationId: 'createCurrentUserRepo',
        body: ref(CreateRepoOption),
        response: { 201: ref(RepositorySchema), ...errorResponses(400, 401, 403, 409, 422) },
      },
    },
    async (request, reply) => {
      const user = callerOf(request).user;
      const repo = await services.repos.create(user, user, createInput(request.body));
      return reply.code(201).send(await renderRepo(request, await services.repos.getById(repo.id, actorOf(request))));
    },
  );

  app.post(
    '/admin/users/:username/repos',
    {
      config: { scope: 'admin', access: 'admin' },
      schema: {
        tags: ['admin'],
        summary: 'Create a repository on behalf of a user',
        operationId: 'adminCreateRepo',
        params: Type.Object({ username: Type.String({ description: 'username of the user. This user will own the created repository' }) }),
        body: ref(CreateRepoOption),
        response: { 201: ref(RepositorySchema), ...errorResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const owner = await services.users.byName(request.params.username);
      const repo = await services.repos.create(owner, callerOf(request).user, createInput(request.body));
      return reply.code(201).send(await renderRepo(request, await services.repos.getById(repo.id, actorOf(request))));
    },
  );

  app.get(
    '/repos/:owner/:repo',
    {
      config,
      schema: { tags, summary: 'Get a repository', operationId: 'repoGet', params: RepoParams, response: { 200: ref(RepositorySchema), ...errorResponses(401, 403, 404) } },
    },
    async (request) => {
      return renderRepo(request, await repoOf(request));
    },
  );

  app.get(
    '/repositories/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Get a repository by id',
        operationId: 'repoGetByID',
        params: Type.Object({ id: Int64({ description: 'id of the repo to get' }) }),
        response: { 200: ref(RepositorySchema), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      return renderRepo(request, await services.repos.getById(request.params.id, actorOf(request)));
    },
  );

  app.patch(
    '/repos/:owner/:repo',
    {
      config: { ...config, access: 'signed' },
      schema: {
        tags,
        summary: "Edit a repository's properties. Only fields that are set will be changed.",
        operationId: 'repoEdit',
        params: RepoParams,
        body: ref(EditRepoOption),
        response: { 200: ref(RepositorySchema), ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const rc = await repoOf(request);
      if (request.body.mirror_interval !== undefined) await services.migrations.setMirrorInterval(rc, request.body.mirror_interval);
      return renderRepo(request, rc, await services.repos.edit(rc, editInput(request.body), callerOf(request).user));
    },
  );

  app.delete(
    '/repos/:owner/:repo',
    {
      config: { ...config, access: 'signed' },
      schema: { tags, summary: 'Delete a repository', operationId: 'repoDelete', params: RepoParams, response: { 204: Empty, ...errorResponses(401, 403, 404) } },
    },
    async (request, reply) => {
      const rc = await repoOf(request);
      await services.repos.remove(rc, callerOf(request).user);
      return reply.code(204).send(null);
    },
  );

  app.patch(
    '/repos/:owner/:repo/issue-tracker',
    {
      config: { ...config, access: 'signed' },
      schema: {
        tags,
        summary: "Gogs: change a repository's issue tracker settings",
        operationId: 'repoEditIssueTracker',
        params: RepoParams,
        body: Type.Object({
          enable_issues: Type.Optional(Type.Boolean()),
          enable_external_tracker: Type.Optional(Type.Boolean()),
          external_tracker_url: Type.Optional(Type.String()),
          tracker_url_format: Type.Optional(Type.String()),
          tracker_issue_style: Type.Optional(Type.String({ enum: ['numeric', 'alphanumeric'] })),
        }),
        response: { 204: Empty, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const rc = await repoOf(request);
      const b = request.body;
      const external = b.enable_external_tracker;
      await services.repos.edit(rc, {
        hasIssues: b.enable_issues,
        options: {
          ...(external === false ? { externalTrackerUrl: '' } : {}),
          ...(external && b.external_tracker_url !== undefined ? { externalTrackerUrl: b.external_tracker_url } : {}),
          ...(b.tracker_url_format !== undefined ? { externalTrackerFormat: b.tracker_url_format } : {}),
          ...(b.tracker_issue_style !== undefined ? { externalTrackerStyle: b.tracker_issue_style } : {}),
        },
      }, callerOf(request).user);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/user/repos',
    {
      config: { ...config, access: 'signed' },
      schema: {
        tags: ['user'],
        summary: 'List the repos that the authenticated user owns or collaborates on',
        operationId: 'userCurrentListRepos',
        querystring: Type.Object(PageQuery),
        response: { 200: Type.Array(ref(RepositorySchema)), ...errorResponses(401, 403) },
      },
    },
    async (request, reply) => {
      const page = pageOf(request.query, services.config.api);
      const { repos, total } = await services.repos.search({
        viewer: viewerOf(request),
        memberId: callerOf(request).user.id,
        sort: 'id',
        order: 'asc',
        offset: page.offset,
        limit: page.limit,
      });
      setPageHeaders(request, reply, services.config.server.rootUrl, page, total);
      return renderRepos(request, repos);
    },
  );

  app.get(
    '/users/:username/repos',
    {
      config,
      schema: {
        tags: ['user'],
        summary: 'List the repos owned by the given user',
        operationId: 'userListRepos',
        params: Type.Object({ username: Type.String({ description: 'username of user' }) }),
        querystring: Type.Object(PageQuery),
        response: { 200: Type.Array(ref(RepositorySchema)), ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const owner = await services.users.visibleByName(request.params.username, viewerOf(request));
      const page = pageOf(request.query, services.config.api);
      const { repos, total } = await services.repos.search({ viewer: viewerOf(request), ownerId: owner.id, sort: 'id', order: 'asc', offset: page.offset, limit: page.limit });
      setPageHeaders(request, reply, services.config.server.rootUrl, page, total);
      return renderRepos(request, repos);
    },
  );

  app.get(
    '/repos/search',
    {
      config,
      schema: { tags, summary: 'Search for repositories', operationId: 'repoSearch', querystring: SearchQuery, response: { 200: ref(RepoSearchResults), ...errorResponses(401, 403, 422) } },
    },
    async (request, reply) => {
      const q = request.query;
      const page = pageOf(q, services.config.api);
      const viewer = viewerOf(request);
      const publicOnly = q.private === false || request.principal?.scope.publicOnly === true;
      const { repos, total } = await services.repos.search({
        viewer: publicOnly ? null : viewer,
        keyword: q.q?.trim(),
        keywordIsTopic: q.topic,
        includeDescription: q.includeDesc,
        memberId: q.uid || undefined,
        exclusive: q.exclusive,
        starredBy: q.starredBy,
        isPrivate: q.is_private,
        isTemplate: q.template === false ? false : undefined,
        isArchived: q.archived,
        mode: q.mode as 'fork' | 'source' | 'mirror' | 'collaborative' | undefined,
        priorityOwnerId: q.priority_owner_id,
        sort: sortOf(q.sort),
        order: q.order === 'desc' ? 'desc' : 'asc',
        offset: page.offset,
        limit: page.limit,
      });
      setPageHeaders(request, reply, services.config.server.rootUrl, page, total);
      return { data: await renderRepos(request, repos), ok: true };
    },
  );
}
