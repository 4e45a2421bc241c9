import { Type } from 'typebox';
import { Int64 } from './common.js';

export const ServerVersion = Type.Object({ version: Type.String() }, { $id: 'ServerVersion', description: 'ServerVersion wraps the version of the server' });

export const GeneralAPISettings = Type.Object(
  {
    default_git_trees_per_page: Int64(),
    default_max_blob_size: Int64(),
    default_paging_num: Int64(),
    max_response_items: Int64(),
  },
  { $id: 'GeneralAPISettings', description: 'GeneralAPISettings contains global api settings exposed by it' },
);

export const GeneralUISettings = Type.Object(
  { allowed_reactions: Type.Array(Type.String()), custom_emojis: Type.Array(Type.String()), default_theme: Type.String() },
  { $id: 'GeneralUISettings', description: 'GeneralUISettings contains global ui settings exposed by API' },
);

export const GeneralRepoSettings = Type.Object(
  {
    http_git_disabled: Type.Boolean(),
    lfs_disabled: Type.Boolean(),
    migrations_disabled: Type.Boolean(),
    mirrors_disabled: Type.Boolean(),
    stars_disabled: Type.Boolean(),
    time_tracking_disabled: Type.Boolean(),
  },
  { $id: 'GeneralRepoSettings', description: 'GeneralRepoSettings contains global repository settings exposed by API' },
);

export const GeneralAttachmentSettings = Type.Object(
  { allowed_types: Type.String(), enabled: Type.Boolean(), max_files: Int64(), max_size: Int64() },
  { $id: 'GeneralAttachmentSettings', description: 'GeneralAttachmentSettings contains global Attachment settings exposed by API' },
);

export const MarkdownOption = Type.Object(
  {
    Text: Type.Optional(Type.String({ description: 'Text markdown to render' })),
    Mode: Type.Optional(Type.String({ description: 'Mode to render (comment, gfm, markdown)' })),
    Context: Type.Optional(Type.String({ description: 'Context to render' })),
    Wiki: Type.Optional(Type.Boolean({ description: 'Is it a wiki page ?' })),
  },
  { $id: 'MarkdownOption', description: 'MarkdownOption markdown options' },
);

export const GitignoreTemplateInfo = Type.Object({ name: Type.String(), source: Type.String() }, { $id: 'GitignoreTemplateInfo', description: 'A .gitignore template' });
export const LicensesTemplateListEntry = Type.Object({ key: Type.String(), name: Type.String(), url: Type.String() }, { $id: 'LicensesTemplateListEntry', description: 'A licence that can be chosen' });
export const LicenseTemplateInfo = Type.Object(
  { key: Type.String(), name: Type.String(), url: Type.String(), implementation: Type.String(), body: Type.String() },
  { $id: 'LicenseTemplateInfo', description: 'A licence text' },
);
export const LabelTemplate = Type.Object(
  { name: Type.String(), exclusive: Type.Boolean(), color: Type.String(), description: Type.String() },
  { $id: 'LabelTemplate', description: 'A label of a label set' },
);
