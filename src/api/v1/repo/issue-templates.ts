import { Type } from 'typebox';
import type { IssueConfig as Config } from '../../../services/issue-templates.js';
import { errorResponses, ref } from '../schemas/common.js';
import { IssueConfig, IssueConfigValidation, IssueTemplate } from '../schemas/issue.js';
import type { Api } from '../types.js';
import { repoOf } from './context.js';

const RepoParams = Type.Object({ owner: Type.String({ description: 'owner of the repo' }), repo: Type.String({ description: 'name of the repo' }) });
const renderConfig = (c: Config) => ({ blank_issues_enabled: c.blankIssuesEnabled, contact_links: c.contactLinks });

/** Issue templates and the issue configuration of a repository's default branch. */
export default async function issueTemplateRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['repository'];
  const config = { scope: 'repository' as const };

  app.get(
    '/repos/:owner/:repo/issue_templates',
    { config, schema: { tags, summary: 'List the issue templates of the default branch', operationId: 'repoGetIssueTemplates', params: RepoParams, response: { 200: Type.Array(ref(IssueTemplate)), ...errorResponses(401, 403, 404) } } },
    async (request) =>
      (await services.issueTemplates.templates(await repoOf(request))).map((t) => ({
        name: t.name,
        title: t.title,
        about: t.about,
        labels: t.labels,
        ref: t.ref,
        content: t.content,
        body: t.body.map((f) => ({ type: String(f.type), id: typeof f.id === 'string' ? f.id : '', attributes: (f.attributes as Record<string, unknown>) ?? {}, validations: (f.validations as Record<string, unknown>) ?? {}, visible: Array.isArray(f.visible) ? f.visible.map(String) : [] })),
        file_name: t.fileName,
      })),
  );
  app.get(
    '/repos/:owner/:repo/issue_config',
    { config, schema: { tags, summary: 'Get the issue configuration', operationId: 'repoGetIssueConfig', params: RepoParams, response: { 200: ref(IssueConfig), ...errorResponses(401, 403, 404) } } },
    async (request) => renderConfig((await services.issueTemplates.config(await repoOf(request))).config),
  );
  app.get(
    '/repos/:owner/:repo/issue_config/validate',
    { config, schema: { tags, summary: 'Check the issue configuration', operationId: 'repoValidateIssueConfig', params: RepoParams, response: { 200: ref(IssueConfigValidation), ...errorResponses(401, 403, 404) } } },
    async (request) => {
      const { error } = await services.issueTemplates.config(await repoOf(request));
      return { valid: error === null, message: error ?? '' };
    },
  );
}
