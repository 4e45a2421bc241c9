import type { FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { ArchiveFormat, LogEntry } from '../../../services/git-data.js';
import type { RepoContext } from '../../../services/repositories.js';
import { badRequest, invalid, notFound } from '../../../services/errors.js';
import { callerOf } from '../auth.js';
import { toApiCommit, toApiTag } from '../convert/commit.js';
import { UNSIGNED } from '../convert/contents.js';
import { rfc3339 } from '../convert/time.js';
import { pageOf, setPageHeaders } from '../pagination.js';
import { Empty, errorResponses, PageQuery, ref } from '../schemas/common.js';
import { AnnotatedTag, Commit, CreateTagOption, GitBlobResponse, GitTreeResponse, Reference, Tag } from '../schemas/git.js';
import { Compare } from '../schemas/repo.js';
import type { Api } from '../types.js';
import { userViewOf } from '../view.js';
import { codeOf, repoUrlsOf } from './context.js';
import { RepoParams } from './repos.js';

const WithRest = (description: string) => Type.Object({ ...RepoParams.properties, '*': Type.String({ description }) });
const ShaParams = Type.Object({ ...RepoParams.properties, sha: Type.String({ description: 'sha of the object' }) });
const ARCHIVE_SUFFIXES: [string, ArchiveFormat][] = [
  ['.tar.gz', 'tar.gz'],
  ['.zip', 'zip'],
  ['.bundle', 'bundle'],
];

export default async function gitRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['repository'];
  const config = { scope: 'repository' as const };


  async function renderCommits(request: FastifyRequest, rc: RepoContext, commits: LogEntry[], detail: { files: boolean; stat: boolean }) {
    const users = await services.gitData.usersByEmail(commits.flatMap((c) => [c.author.email, c.committer.email]));
    const urls = repoUrlsOf(request, rc);
    const view = userViewOf(request);
    return commits.map((c) => toApiCommit(c, urls, users, view, detail));
  }

  // ---- tags

  app.get(
    '/repos/:owner/:repo/tags',
    {
      config,
      schema: { tags, summary: "List a repository's tags", operationId: 'repoListTags', params: RepoParams, querystring: Type.Object(PageQuery), response: { 200: Type.Array(ref(Tag)), ...errorResponses(401, 403, 404) } },
    },
    async (request, reply) => {
      const rc = await codeOf(request);
      const page = pageOf(request.query, services.config.api);
      const all = await services.gitData.tags(rc);
      setPageHeaders(request, reply, services.config.server.rootUrl, page, all.length);
      return all.slice(page.offset, page.offset + page.limit).map((t) => toApiTag(t, repoUrlsOf(request, rc)));
    },
  );

  app.get(
    '/repos/:owner/:repo/tags/*',
    { config, schema: { tags, summary: 'Get the tag of a repository by tag name', operationId: 'repoGetTag', params: WithRest('name of tag'), response: { 200: ref(Tag), ...errorResponses(401, 403, 404) } } },
    async (request) => {
      const rc = await codeOf(request);
      return toApiTag(await services.gitData.tag(rc, request.params['*']), repoUrlsOf(request, rc));
    },
  );

  app.post(
    '/repos/:owner/:repo/tags',
    {
      config: { ...config, access: 'signed' },
      schema: { tags, summary: 'Create a new git tag in a repository', operationId: 'repoCreateTag', params: RepoParams, body: ref(CreateTagOption), response: { 201: ref(Tag), ...errorResponses(401, 403, 404, 409, 422) } },
    },
    async (request, reply) => {
      const rc = await codeOf(request);
      const b = request.body;
      const tag = await services.gitData.createTag(rc, callerOf(request).user, b.tag_name, b.target, b.message ?? '');
      return reply.code(201).send(toApiTag(tag, repoUrlsOf(request, rc)));
    },
  );

  app.delete(
    '/repos/:owner/:repo/tags/*',
    {
      config: { ...config, access: 'signed' },
      schema: { tags, summary: "Delete a repository's tag by name", operationId: 'repoDeleteTag', params: WithRest('name of tag to delete'), response: { 204: Empty, ...errorResponses(401, 403, 404) } },
    },
    async (request, reply) => {
      const rc = await codeOf(request);
      await services.gitData.deleteTag(rc, callerOf(request).user, request.params['*']);
      return reply.code(204).send(null);
    },
  );

  // ---- commits

  app.get(
    '/repos/:owner/:repo/commits',
    {
      config,
      schema: {
        tags,
        summary: 'Get a list of all commits from a repository',
        operationId: 'repoGetAllCommits',
        params: RepoParams,
        querystring: Type.Object({
          sha: Type.Optional(Type.String({ description: 'SHA or branch to start listing commits from (usually \'master\')' })),
          path: Type.Optional(Type.String({ description: 'filepath of a file/dir' })),
          stat: Type.Optional(Type.Boolean({ description: 'include diff stats for every commit (disable for speedup, default \'true\')' })),
          verification: Type.Optional(Type.Boolean({ description: 'include verification for every commit (disable for speedup, default \'true\')' })),
          files: Type.Optional(Type.Boolean({ description: 'include a list of affected files for every commit (disable for speedup, default \'true\')' })),
          not: Type.Optional(Type.String({ description: 'commits that match the given specifier will not be listed.' })),
          ...PageQuery,
        }),
        response: { 200: Type.Array(ref(Commit)), ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const rc = await codeOf(request);
      const q = request.query;
      const page = pageOf(q, services.config.api);
      const detail = { files: q.files !== false, stat: q.stat !== false };
      const { commits, total } = await services.gitData.commits(rc, {
        sha: q.sha,
        path: q.path ? q.path.replace(/^\/+/, '') : undefined,
        not: q.not ? [q.not] : [],
        offset: page.offset,
        limit: page.limit,
        withFiles: detail.files || detail.stat,
      });
      setPageHeaders(request, reply, services.config.server.rootUrl, page, total);
      const pageCount = Math.ceil(total / page.limit);
      reply.headers({ 'x-total': String(total), 'x-perpage': String(page.limit), 'x-page': String(page.page), 'x-pagecount': String(pageCount), 'x-hasmore': String(page.page < pageCount) });
      return renderCommits(request, rc, commits, detail);
    },
  );

  app.get(
    '/repos/:owner/:repo/git/commits/:sha',
    {
      config,
      schema: {
        tags,
        summary: 'Get a single commit from a repository; with a .diff or .patch suffix, its diff or patch',
        operationId: 'repoGetSingleCommit',
        params: ShaParams,
        response: { 200: ref(Commit), ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const rc = await codeOf(request);
      const match = /^(.+)\.(diff|patch)$/.exec(request.params.sha);
      if (match) {
        const stream = await services.gitData.diff(rc, match[1]!, match[2] as 'diff' | 'patch');
        // A stream is sent as is: the Commit schema does not apply to a diff.
        return reply.type('text/plain; charset=utf-8').send(stream as never);
      }
      const commit = await services.gitData.commit(rc, request.params.sha);
      return (await renderCommits(request, rc, [commit], { files: true, stat: true }))[0];
    },
  );

  // ---- trees, blobs, refs, annotated tags

  app.get(
    '/repos/:owner/:repo/git/trees/:sha',
    {
      config,
      schema: {
        tags,
        summary: 'Gets the tree of a repository.',
        operationId: 'GetTree',
        params: ShaParams,
        querystring: Type.Object({
          recursive: Type.Optional(Type.Boolean({ description: 'show all directories and files' })),
          page: Type.Optional(Type.Integer({ description: 'page number; the \'truncated\' field in the response will be true if there are still more items after this page, false if the last page' })),
          per_page: Type.Optional(Type.Integer({ description: 'number of items per page' })),
        }),
        response: { 200: ref(GitTreeResponse), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const rc = await codeOf(request);
      const { sha, entries } = await services.gitData.tree(rc, request.params.sha, request.query.recursive === true);
      const perPage = Math.min(request.query.per_page && request.query.per_page > 0 ? request.query.per_page : services.config.api.defaultGitTreesPerPage, services.config.api.defaultGitTreesPerPage);
      const pageNo = request.query.page && request.query.page > 0 ? request.query.page : 1;
      const urls = repoUrlsOf(request, rc);
      const slice = entries.slice((pageNo - 1) * perPage, pageNo * perPage);
      return {
        sha,
        url: `${urls.api}/git/trees/${sha}`,
        tree: slice.map((e) => ({
          path: e.path,
          mode: e.mode,
          type: e.type,
          size: e.size,
          sha: e.oid,
          url: `${urls.api}/git/${e.type === 'tree' ? 'trees' : e.type === 'blob' ? 'blobs' : 'commits'}/${e.oid}`,
        })),
        truncated: pageNo * perPage < entries.length,
        page: pageNo,
        total_count: entries.length,
      };
    },
  );

  app.get(
    '/repos/:owner/:repo/git/blobs/:sha',
    { config, schema: { tags, summary: 'Gets the blob of a repository.', operationId: 'GetBlob', params: ShaParams, response: { 200: ref(GitBlobResponse), ...errorResponses(400, 401, 403, 404, 422) } } },
    async (request) => {
      const rc = await codeOf(request);
      const blob = await services.gitData.blob(rc, request.params.sha);
      return { content: blob.content.toString('base64'), encoding: 'base64', url: `${repoUrlsOf(request, rc).api}/git/blobs/${blob.sha}`, sha: blob.sha, size: blob.size };
    },
  );

  async function references(request: FastifyRequest<{ Params: Static<typeof RepoParams> }>, prefix: string) {
    const rc = await codeOf(request);
    const urls = repoUrlsOf(request, rc);
    const kinds: Record<string, string> = { commit: 'commits', tag: 'tags', tree: 'trees', blob: 'blobs' };
    return (await services.gitData.refs(rc, prefix)).map((r) => ({ ref: r.ref, url: `${urls.api}/git/${r.ref}`, object: { type: r.type, sha: r.sha, url: `${urls.api}/git/${kinds[r.type] ?? 'commits'}/${r.sha}` } }));
  }

  app.get(
    '/repos/:owner/:repo/git/refs',
    { config, schema: { tags, summary: 'Get specified ref or filtered repository\'s refs', operationId: 'repoListAllGitRefs', params: RepoParams, response: { 200: Type.Array(ref(Reference)), ...errorResponses(401, 403, 404) } } },
    async (request) => references(request, ''),
  );

  app.get(
    '/repos/:owner/:repo/git/refs/*',
    { config, schema: { tags, summary: 'Get specified ref or filtered repository\'s refs', operationId: 'repoListGitRefs', params: WithRest('part or full name of the ref'), response: { 200: Type.Array(ref(Reference)), ...errorResponses(401, 403, 404, 422) } } },
    async (request) => {
      const refs = await references(request, request.params['*']);
      if (refs.length === 0) throw notFound('reference does not exist');
      return refs;
    },
  );

  app.get(
    '/repos/:owner/:repo/git/tags/:sha',
    { config, schema: { tags, summary: 'Gets the tag object of an annotated tag (not lightweight tags)', operationId: 'GetAnnotatedTag', params: ShaParams, response: { 200: ref(AnnotatedTag), ...errorResponses(400, 401, 403, 404, 422) } } },
    async (request) => {
      const rc = await codeOf(request);
      const tag = await services.gitData.annotatedTag(rc, request.params.sha);
      const urls = repoUrlsOf(request, rc);
      const kinds: Record<string, string> = { commit: 'commits', tag: 'tags', tree: 'trees', blob: 'blobs' };
      return {
        tag: tag.tag,
        sha: tag.sha,
        url: `${urls.api}/git/tags/${tag.sha}`,
        message: tag.message,
        tagger: { name: tag.tagger.name, email: tag.tagger.email, date: rfc3339(tag.tagger.when) },
        object: { type: tag.objectType, sha: tag.objectSha, url: `${urls.api}/git/${kinds[tag.objectType] ?? 'commits'}/${tag.objectSha}` },
        verification: UNSIGNED,
      };
    },
  );

  // ---- languages, editorconfig, compare

  app.get(
    '/repos/:owner/:repo/languages',
    { config, schema: { tags, summary: 'Get languages and number of bytes of code written', operationId: 'repoGetLanguages', params: RepoParams, response: { 200: Type.Record(Type.String(), Type.Integer()), ...errorResponses(401, 403, 404) } } },
    async (request) => services.gitData.languages(await codeOf(request)),
  );

  app.get(
    '/repos/:owner/:repo/editorconfig/*',
    {
      config,
      schema: {
        tags,
        summary: 'Get the EditorConfig definitions of a file in a repository',
        operationId: 'repoGetEditorConfig',
        params: WithRest('filepath of file to get'),
        querystring: Type.Object({ ref: Type.Optional(Type.String({ description: 'The name of the commit/branch/tag. Default the repository’s default branch.' })) }),
        response: { 200: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean()])), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => services.gitData.editorconfig(await codeOf(request), request.query.ref, request.params['*']),
  );

  app.get(
    '/repos/:owner/:repo/compare/*',
    {
      config,
      schema: { tags, summary: 'Get commit comparison information', operationId: 'repoCompareDiff', params: WithRest('compare two branches or commits: base...head'), response: { 200: ref(Compare), ...errorResponses(401, 403, 404, 422) } },
    },
    async (request) => {
      const rc = await codeOf(request);
      const match = /^(.+?)\.{2,3}(.+)$/.exec(request.params['*']);
      if (!match) throw invalid('[basehead]: compare takes base...head');
      const { commits, total } = await services.gitData.compare(rc, match[1]!, match[2]!, services.config.api.maxResponseItems);
      return { total_commits: total, commits: await renderCommits(request, rc, commits, { files: true, stat: true }) };
    },
  );

  // ---- archives

  app.get(
    '/repos/:owner/:repo/archive/*',
    {
      config,
      schema: {
        tags,
        summary: 'Get an archive of a repository',
        operationId: 'repoGetArchive',
        produces: ['application/octet-stream'],
        params: WithRest('the git reference for download with attached archive format (e.g. master.zip)'),
        response: { 200: Type.String({ description: 'the archive' }), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const rc = await codeOf(request);
      const requested = request.params['*'];
      const match = ARCHIVE_SUFFIXES.find(([suffix]) => requested.endsWith(suffix));
      if (!match) throw badRequest('unknown archive format: use .zip, .tar.gz or .bundle');
      const { stream, filename } = await services.gitData.archive(rc, requested.slice(0, -match[0].length), match[1]);
      const types: Record<ArchiveFormat, string> = { zip: 'application/zip', 'tar.gz': 'application/gzip', bundle: 'application/octet-stream' };
      return reply.headers({ 'content-type': types[match[1]], 'content-disposition': `attachment; filename="${filename}"` }).send(stream as never);
    },
  );
}
