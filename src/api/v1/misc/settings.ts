import { ref } from '../schemas/common.js';
import { GeneralAPISettings, GeneralAttachmentSettings, GeneralRepoSettings, GeneralUISettings } from '../schemas/misc.js';
import type { Api } from '../types.js';

export default async function settingsRoutes(app: Api): Promise<void> {
  const { config } = app.services;
  const tags = ['settings'];

  app.get(
    '/settings/api',
    { schema: { tags, summary: 'Get instance\'s global settings for api', operationId: 'getGeneralAPISettings', response: { 200: ref(GeneralAPISettings) } } },
    async () => ({
      default_git_trees_per_page: config.api.defaultGitTreesPerPage,
      default_max_blob_size: config.api.defaultMaxBlobSize,
      default_paging_num: config.api.defaultPagingNum,
      max_response_items: config.api.maxResponseItems,
    }),
  );

  app.get(
    '/settings/ui',
    { schema: { tags, summary: 'Get instance\'s global settings for ui', operationId: 'getGeneralUISettings', response: { 200: ref(GeneralUISettings) } } },
    async () => ({ allowed_reactions: config.ui.reactions, custom_emojis: config.ui.customEmojis, default_theme: config.ui.defaultTheme }),
  );

  app.get(
    '/settings/repository',
    {
      schema: { tags, summary: 'Get instance\'s global settings for repositories', operationId: 'getGeneralRepositorySettings', response: { 200: ref(GeneralRepoSettings) } },
    },
    // Features not built yet are reported as disabled, so clients do not offer them.
    async () => ({
      http_git_disabled: false,
      lfs_disabled: true,
      migrations_disabled: false,
      mirrors_disabled: false,
      stars_disabled: false,
      time_tracking_disabled: true,
    }),
  );

  app.get(
    '/settings/attachment',
    {
      schema: { tags, summary: 'Get instance\'s global settings for Attachment', operationId: 'getGeneralAttachmentSettings', response: { 200: ref(GeneralAttachmentSettings) } },
    },
    async () => ({
      allowed_types: config.attachment.allowedTypes,
      enabled: config.attachment.enabled,
      max_files: config.attachment.maxFiles,
      max_size: config.attachment.maxSize,
    }),
  );
}
