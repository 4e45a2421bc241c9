import { Type } from 'typebox';
import { DateTime, Int64 } from './common.js';

export const RepoCollaboratorPermission = Type.Object(
  { permission: Type.String(), role_name: Type.String(), user: Type.Ref('User') },
  { $id: 'RepoCollaboratorPermission', description: 'RepoCollaboratorPermission to get repository permission for a collaborator' },
);

export const AddCollaboratorOption = Type.Object(
  { permission: Type.Optional(Type.String({ enum: ['read', 'write', 'admin'] })) },
  { $id: 'AddCollaboratorOption', description: 'AddCollaboratorOption options when adding a user as a collaborator of a repository' },
);

export const WatchInfo = Type.Object(
  {
    subscribed: Type.Boolean(),
    ignored: Type.Boolean(),
    reason: Type.Null(),
    created_at: DateTime(),
    url: Type.String(),
    repository_url: Type.String(),
  },
  { $id: 'WatchInfo', description: 'WatchInfo represents an API watch status of one repository' },
);

export const TopicName = Type.Object({ topics: Type.Array(Type.String()) }, { $id: 'TopicName', description: 'TopicName a list of repo topic names' });
export const RepoTopicOptions = Type.Object(
  { topics: Type.Array(Type.String(), { description: 'list of topic names' }) },
  { $id: 'RepoTopicOptions', description: 'RepoTopicOptions a collection of repo topic names' },
);
export const TopicResponse = Type.Object(
  { id: Int64(), topic_name: Type.String(), created: DateTime(), updated: DateTime(), repo_count: Int64() },
  { $id: 'TopicResponse', description: 'TopicResponse for returning topics' },
);

export const TimeStamp = Type.Integer({ format: 'int64', $id: 'TimeStamp', description: 'Unix seconds' });

export const UserHeatmapData = Type.Object(
  { timestamp: Type.Ref('TimeStamp'), contributions: Type.Integer({ format: 'int64' }) },
  { $id: 'UserHeatmapData', description: 'Contributions in one 15-minute period' },
);

export const Activity = Type.Object(
  {
    id: Type.Integer({ format: 'int64' }),
    user_id: Type.Integer({ format: 'int64', description: 'the account whose feed this is' }),
    op_type: Type.String({ description: 'what happened, e.g. create_repo, commit_repo, star_repo' }),
    act_user_id: Type.Integer({ format: 'int64' }),
    act_user: Type.Ref('User'),
    repo_id: Type.Integer({ format: 'int64' }),
    repo: Type.Ref('Repository'),
    comment_id: Type.Integer({ format: 'int64' }),
    comment: Type.Null({ description: 'the comment of comment actions (none are recorded yet)' }),
    ref_name: Type.String(),
    is_private: Type.Boolean(),
    content: Type.String(),
    created: Type.String({ format: 'date-time' }),
  },
  { $id: 'Activity', description: 'Something a user did' },
);

export const Hook = Type.Object(
  {
    id: Int64(),
    type: Type.String(),
    branch_filter: Type.String(),
    config: Type.Record(Type.String(), Type.String(), { description: 'url, content_type and http_method (the secret is never shown)' }),
    events: Type.Array(Type.String()),
    authorization_header: Type.String(),
    active: Type.Boolean(),
    updated_at: DateTime(),
    created_at: DateTime(),
  },
  { $id: 'Hook', description: 'A webhook' },
);

const hookEditable = {
  config: Type.Record(Type.String(), Type.String(), { description: 'url (required on creation), content_type (json or form), http_method, secret' }),
  events: Type.Array(Type.String()),
  branch_filter: Type.String({ description: 'glob of the branches whose pushes are delivered' }),
  active: Type.Boolean(),
  authorization_header: Type.String(),
};

export const CreateHookOption = Type.Object(
  {
    type: Type.String({ enum: ['dingtalk', 'discord', 'gitea', 'gogs', 'msteams', 'slack', 'telegram', 'feishu', 'wechatwork', 'packagist'], description: 'Samovar delivers gitea and gogs hooks (Gitea\'s JSON)' }),
    config: hookEditable.config,
    events: Type.Optional(hookEditable.events),
    branch_filter: Type.Optional(hookEditable.branch_filter),
    active: Type.Optional(Type.Boolean({ default: false })),
    authorization_header: Type.Optional(hookEditable.authorization_header),
  },
  { $id: 'CreateHookOption', description: 'A webhook to create' },
);

export const EditHookOption = Type.Partial(Type.Object(hookEditable), { $id: 'EditHookOption', description: 'Changes to a webhook' });

export const Label = Type.Object(
  {
    id: Int64(),
    name: Type.String(),
    exclusive: Type.Boolean({ description: 'only one label of its scope (the part of the name before the last /) may be set on an issue' }),
    is_archived: Type.Boolean(),
    color: Type.String({ description: 'rrggbb, without #' }),
    description: Type.String(),
    url: Type.String(),
  },
  { $id: 'Label', description: 'A label for issues and pull requests' },
);

const labelFields = {
  name: Type.String({ minLength: 1 }),
  color: Type.String({ description: '#rrggbb, rrggbb or #rgb' }),
  description: Type.String(),
  exclusive: Type.Boolean(),
  is_archived: Type.Boolean(),
};

export const CreateLabelOption = Type.Object(
  { name: labelFields.name, color: labelFields.color, description: Type.Optional(labelFields.description), exclusive: Type.Optional(labelFields.exclusive), is_archived: Type.Optional(labelFields.is_archived) },
  { $id: 'CreateLabelOption', description: 'A label to create' },
);

export const EditLabelOption = Type.Partial(Type.Object(labelFields), { $id: 'EditLabelOption', description: 'Changes to a label' });
