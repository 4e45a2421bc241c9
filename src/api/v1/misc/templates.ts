import { Type } from 'typebox';
import { notFound } from '../../../services/errors.js';
import { gitignoreNames, gitignoreTemplate, labelTemplate, labelTemplateNames, licenseNames, licenseTemplate } from '../../../services/templates.js';
import { errorResponses, ref } from '../schemas/common.js';
import { GitignoreTemplateInfo, LabelTemplate, LicensesTemplateListEntry, LicenseTemplateInfo } from '../schemas/misc.js';
import type { Api } from '../types.js';

const Name = Type.Object({ name: Type.String({ description: 'name of the template' }) });

/** The templates repositories start from: .gitignore files, licences and label sets. */
export default async function templateRoutes(app: Api): Promise<void> {
  const { services } = app;
  const tags = ['miscellaneous'];
  const config = { scope: 'misc' as const };
  const licenseUrl = (key: string) => `${services.config.server.rootUrl}api/v1/licenses/${encodeURIComponent(key)}`;

  app.get('/gitignore/templates', { config, schema: { tags, summary: 'List the .gitignore templates', operationId: 'listGitignoresTemplates', response: { 200: Type.Array(Type.String()) } } }, async () => gitignoreNames());
  app.get(
    '/gitignore/templates/:name',
    { config, schema: { tags, summary: 'Get a .gitignore template', operationId: 'getGitignoreTemplateInfo', params: Name, response: { 200: ref(GitignoreTemplateInfo), ...errorResponses(404) } } },
    async (request) => {
      const source = gitignoreTemplate(request.params.name);
      if (source === undefined) throw notFound(`no .gitignore template is called ${request.params.name}`);
      return { name: request.params.name, source };
    },
  );
  app.get('/licenses', { config, schema: { tags, summary: 'List the licence templates', operationId: 'listLicenseTemplates', response: { 200: Type.Array(ref(LicensesTemplateListEntry)) } } }, async () =>
    licenseNames().map((key) => ({ key, name: licenseTemplate(key)!.name, url: licenseUrl(key) })),
  );
  app.get(
    '/licenses/:name',
    { config, schema: { tags, summary: 'Get a licence template', operationId: 'getLicenseTemplateInfo', params: Name, response: { 200: ref(LicenseTemplateInfo), ...errorResponses(404) } } },
    async (request) => {
      const license = licenseTemplate(request.params.name);
      if (!license) throw notFound(`no licence template is called ${request.params.name}`);
      return { key: license.key, name: license.name, url: licenseUrl(license.key), implementation: '', body: license.text };
    },
  );
  app.get('/label/templates', { config, schema: { tags, summary: 'List the label sets', operationId: 'listLabelTemplates', response: { 200: Type.Array(Type.String()) } } }, async () => labelTemplateNames());
  app.get(
    '/label/templates/:name',
    { config, schema: { tags, summary: 'Get the labels of a label set', operationId: 'getLabelTemplateInfo', params: Name, response: { 200: Type.Array(ref(LabelTemplate)), ...errorResponses(404) } } },
    async (request) => {
      const labels = labelTemplate(request.params.name);
      if (!labels) throw notFound(`no label set is called ${request.params.name}`);
      return labels.map((l) => ({ name: l.name, exclusive: l.exclusive ?? false, color: l.color.replace(/^#/, ''), description: l.description }));
    },
  );
}
