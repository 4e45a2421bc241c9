import { Type } from 'typebox';
import { Int64 } from './common.js';
import { Visibility } from './user.js';

export const Organization = Type.Object(
  {
    id: Int64(),
    name: Type.String(),
    full_name: Type.String(),
    email: Type.String(),
    avatar_url: Type.String(),
    description: Type.String(),
    website: Type.String(),
    location: Type.String(),
    visibility: Type.String(),
    repo_admin_change_team_access: Type.Boolean(),
    username: Type.String({ description: 'deprecated: the same as name' }),
  },
  { $id: 'Organization', description: 'Organization represents an organization' },
);

const orgFields = {
  full_name: Type.Optional(Type.String({ maxLength: 100 })),
  email: Type.Optional(Type.String({ maxLength: 255 })),
  description: Type.Optional(Type.String({ maxLength: 255 })),
  website: Type.Optional(Type.String({ maxLength: 255 })),
  location: Type.Optional(Type.String({ maxLength: 50 })),
  visibility: Type.Optional(Visibility),
  repo_admin_change_team_access: Type.Optional(Type.Boolean()),
};

export const CreateOrgOption = Type.Object({ username: Type.String({ minLength: 1, maxLength: 40 }), ...orgFields }, { $id: 'CreateOrgOption', description: 'CreateOrgOption options for creating an organization' });
export const EditOrgOption = Type.Object(orgFields, { $id: 'EditOrgOption', description: 'EditOrgOption options for editing an organization' });

export const OrganizationPermissions = Type.Object(
  { is_owner: Type.Boolean(), is_admin: Type.Boolean(), can_write: Type.Boolean(), can_read: Type.Boolean(), can_create_repository: Type.Boolean() },
  { $id: 'OrganizationPermissions', description: 'OrganizationPermissions list different users permissions on an organization' },
);

const Permission = Type.String({ enum: ['read', 'write', 'admin'] });
const teamFields = {
  description: Type.Optional(Type.String({ maxLength: 255 })),
  includes_all_repositories: Type.Optional(Type.Boolean()),
  permission: Type.Optional(Permission),
  units: Type.Optional(Type.Array(Type.String())),
  units_map: Type.Optional(Type.Record(Type.String(), Type.String())),
  can_create_org_repo: Type.Optional(Type.Boolean()),
};

export const Team = Type.Object(
  {
    id: Int64(),
    name: Type.String(),
    description: Type.String(),
    organization: Type.Union([Type.Ref('Organization'), Type.Null()]),
    includes_all_repositories: Type.Boolean(),
    permission: Type.String({ enum: ['none', 'read', 'write', 'admin', 'owner'] }),
    units: Type.Array(Type.String()),
    units_map: Type.Record(Type.String(), Type.String()),
    can_create_org_repo: Type.Boolean(),
  },
  { $id: 'Team', description: 'Team represents a team in an organization' },
);

export const CreateTeamOption = Type.Object({ name: Type.String({ minLength: 1, maxLength: 255 }), ...teamFields }, { $id: 'CreateTeamOption', description: 'CreateTeamOption options for creating a team' });
export const EditTeamOption = Type.Object({ name: Type.String({ minLength: 1, maxLength: 255 }), ...teamFields }, { $id: 'EditTeamOption', description: 'EditTeamOption options for editing a team' });
