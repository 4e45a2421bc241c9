import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import type { ChangeFilesInput, FileOperation } from '../../../services/contents.js';
import type { RepoContext } from '../../../services/repositories.js';
import { callerOf } from '../auth.js';
import { toApiContents, toFileCommit, UNSIGNED } from '../convert/contents.js';
import { errorResponses, ref } from '../schemas/common.js';
import {
  ChangeFilesOptions,
  ContentsResponse,
  CreateFileOptions,
  DeleteFileOptions,
  FileDeleteResponse,
  FileResponse,
  FilesResponse,
  UpdateFileOptions,
} from '../schemas/contents.js';
import type { Api } from '../types.js';
import { actorOf } from '../view.js';
import { codeOf, repoUrlsOf } from './context.js';
import { RepoParams } from './repos.js';

const FileParams = Type.Object({ ...RepoParams.properties, '*': Type.String({ description: 'path of the file' }) });
const RefQuery = Type.Object({ ref: Type.Optional(Type.String({ description: 'The name of the commit/branch/tag. Default the repository’s default branch' })) });
type CommitOptions = Static<typeof DeleteFileOptions>;

function changeInput(b: Omit<CommitOptions, 'sha'>, files: FileOperation[]): ChangeFilesInput {
  const date = (s?: string) => (s ? Math.floor(Date.parse(s) / 1000) : undefined);
  return {
    files,
    branch: b.branch,
    newBranch: b.new_branch,
    message: b.message,
    author: b.author,
    committer: b.committer,
    authorDate: date(b.dates?.author),
    committerDate: date(b.dates?.committer),
    signoff: b.signoff,
  };
}

// Raw files are sniffed: text is served as text/plain (never as HTML or SVG that would run in the
// browser), everything else as a download-safe binary type.
const BINARY_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  pdf: 'application/pdf',
  zip: 'application/zip',
  gz: 'application/gzip',
  mp4: 'video/mp4',
  webm: 'video/webm',
  mp3: 'audio/mpeg',
};

async function sniff(stream: Readable, name: string): Promise<string> {
  const head: Buffer | null = await new Promise((resolve) => {
    const onReadable = () => {
      cleanup();
      resolve(stream.read() as Buffer | null);
    };
    const onEnd = () => {
      cleanup();
      resolve(null);
    };
    const cleanup = () => {
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
    };
    stream.once('readable', onReadable);
    stream.once('end', onEnd);
  });
  if (head) stream.unshift(head);
  const ext = name.includes('.') ? name.split('.').pop()!.toLowerCase() : '';
  if (BINARY_TYPES[ext]) return BINARY_TYPES[ext];
  const sample = head?.subarray(0, 8000);
  return sample && sample.includes(0) ? 'application/octet-stream' : 'text/plain; charset=utf-8';
}

export default async function contentRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['repository'];
  const config = { scope: 'repository' as const };

  async function getContents(request: FastifyRequest, rc: RepoContext, refName: string | undefined, path: string) {
    const resolved = await services.contents.resolve(rc, refName);
    const { entry, children } = await services.contents.get(rc, resolved, path);
    const urls = repoUrlsOf(request, rc);
    return children ? children.map((c) => toApiContents(c, resolved, urls, false)) : toApiContents(entry, resolved, urls, true);
  }

  app.get(
    '/repos/:owner/:repo/contents',
    {
      config,
      schema: {
        tags,
        summary: 'Gets the metadata of all the entries of the root dir',
        operationId: 'repoGetContentsList',
        params: RepoParams,
        querystring: RefQuery,
        response: { 200: Type.Array(ref(ContentsResponse)), ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => getContents(request, await codeOf(request), request.query.ref, '') as Promise<Static<typeof ContentsResponse>[]>,
  );

  app.get(
    '/repos/:owner/:repo/contents/*',
    {
      config,
      schema: {
        tags,
        summary: 'Gets the metadata and contents (if a file) of an entry in a repository, or a list of entries if a dir',
        operationId: 'repoGetContents',
        params: FileParams,
        querystring: RefQuery,
        response: { 200: Type.Union([ref(ContentsResponse), Type.Array(ref(ContentsResponse))]), ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => getContents(request, await codeOf(request), request.query.ref, request.params['*']),
  );

  type ChangeResult = Awaited<ReturnType<typeof services.contents.change>>;

  /** The written file as it now is, with the commit that wrote it. */
  async function fileResponse(request: FastifyRequest, rc: RepoContext, path: string, result: ChangeResult) {
    const urls = repoUrlsOf(request, rc);
    const resolved = { name: result.branch, kind: 'branch' as const, commitId: result.commit.id };
    const content = toApiContents((await services.contents.get(rc, resolved, path)).entry, resolved, urls, true);
    return { content, commit: toFileCommit(result.commit, urls), verification: UNSIGNED };
  }

  const writeConfig = { ...config, access: 'signed' as const };

  app.post(
    '/repos/:owner/:repo/contents/*',
    {
      config: writeConfig,
      schema: {
        tags,
        summary: 'Create a file in a repository',
        operationId: 'repoCreateFile',
        params: FileParams,
        body: ref(CreateFileOptions),
        response: { 201: ref(FileResponse), ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const rc = await codeOf(request);
      const path = request.params['*'];
      const result = await services.contents.change(rc, callerOf(request).user, changeInput(request.body, [{ operation: 'create', path, content: request.body.content }]));
      return reply.code(201).send(await fileResponse(request, rc, path, result));
    },
  );

  app.put(
    '/repos/:owner/:repo/contents/*',
    {
      config: writeConfig,
      schema: {
        tags,
        summary: 'Update a file in a repository',
        operationId: 'repoUpdateFile',
        params: FileParams,
        body: ref(UpdateFileOptions),
        response: { 200: ref(FileResponse), ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const rc = await codeOf(request);
      const path = request.params['*'];
      const b = request.body;
      const result = await services.contents.change(rc, callerOf(request).user, changeInput(b, [{ operation: 'update', path, content: b.content, sha: b.sha, fromPath: b.from_path }]));
      return fileResponse(request, rc, path, result);
    },
  );

  app.delete(
    '/repos/:owner/:repo/contents/*',
    {
      config: writeConfig,
      schema: {
        tags,
        summary: 'Delete a file in a repository',
        operationId: 'repoDeleteFile',
        params: FileParams,
        body: ref(DeleteFileOptions),
        response: { 200: ref(FileDeleteResponse), ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const rc = await codeOf(request);
      const b = request.body;
      const result = await services.contents.change(rc, callerOf(request).user, changeInput(b, [{ operation: 'delete', path: request.params['*'], sha: b.sha }]));
      return { content: null, commit: toFileCommit(result.commit, repoUrlsOf(request, rc)), verification: UNSIGNED };
    },
  );

  app.post(
    '/repos/:owner/:repo/contents',
    {
      config: writeConfig,
      schema: {
        tags,
        summary: 'Modify multiple files in a repository',
        operationId: 'repoChangeFiles',
        params: RepoParams,
        body: ref(ChangeFilesOptions),
        response: { 201: ref(FilesResponse), ...errorResponses(401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const rc = await codeOf(request);
      const files: FileOperation[] = request.body.files.map((f) => ({
        operation: f.operation as FileOperation['operation'],
        path: f.path,
        content: f.content,
        sha: f.sha,
        fromPath: f.from_path,
      }));
      const result = await services.contents.change(rc, callerOf(request).user, changeInput(request.body, files));
      const resolved = { name: result.branch, kind: 'branch' as const, commitId: result.commit.id };
      const urls = repoUrlsOf(request, rc);
      const contents = await Promise.all(
        files.map(async (f) => (f.operation === 'delete' ? null : toApiContents((await services.contents.get(rc, resolved, f.path)).entry, resolved, urls, true))),
      );
      return reply.code(201).send({ files: contents.filter((c) => c !== null), commit: toFileCommit(result.commit, urls), verification: UNSIGNED });
    },
  );

  async function sendRaw(reply: FastifyReply, raw: Awaited<ReturnType<typeof services.contents.raw>>) {
    const type = await sniff(raw.stream, raw.name);
    return reply
      .headers({
        'content-type': type,
        'content-length': String(raw.size),
        'x-content-type-options': 'nosniff',
        'content-disposition': `inline; filename="${raw.name.replace(/["\\\r\n]/g, '_')}"`,
        'cache-control': 'private, max-age=300',
      })
      .send(raw.stream);
  }

  for (const [prefix, operationId] of [
    ['raw', 'repoGetRawFile'],
    ['media', 'repoGetRawFileOrLFS'],
  ] as const) {
    app.get(
      `/repos/:owner/:repo/${prefix}/*`,
      {
        config,
        schema: {
          tags,
          summary: prefix === 'raw' ? 'Get a file from a repository' : 'Get a file or its LFS object from a repository',
          operationId,
          produces: ['application/octet-stream'],
          params: FileParams,
          querystring: RefQuery,
          response: { 200: Type.String({ description: 'the file bytes' }), ...errorResponses(401, 403, 404, 422) },
        },
      },
      async (request, reply) => {
        const params = request.params as Static<typeof FileParams>;
        const query = request.query as Static<typeof RefQuery>;
        const rc = await services.repos.get(params.owner, params.repo, actorOf(request));
        // Gitea takes ?ref=; Gogs puts the ref first in the path (/raw/{ref}/{filepath}).
        const located = query.ref
          ? { ref: await services.contents.resolve(rc, query.ref), path: params['*'] }
          : await services.contents.splitRefAndPath(rc, params['*']);
        return sendRaw(reply, await services.contents.raw(rc, located.ref, located.path));
      },
    );
  }
}
