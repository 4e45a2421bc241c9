import { hash } from 'node:crypto';
import type { Static } from 'typebox';
import type { User } from '../../../models/users.js';
import type { User as UserSchema } from '../schemas/user.js';
import { rfc3339 } from './time.js';

export type ApiUser = Static<typeof UserSchema>;

/** What the converter needs to know about the caller and the site. */
export interface UserView {
  viewer: { id: number; isAdmin: boolean } | null;
  rootUrl: string;
  noReplyAddress: string;
}

/**
 * Gitea's user JSON. Everyone sees the public profile; signed-in callers see the e-mail unless the
 * user keeps it private; only the user and site admins see account details (admin flag, login
 * name, last login, language, active, prohibit_login).
 */
export function toApiUser(user: User, view: UserView): ApiUser {
  const { viewer } = view;
  const authed = viewer !== null && (viewer.isAdmin || viewer.id === user.id);
  const showEmail = viewer !== null && (!user.keepEmailPrivate || authed);
  return {
    id: user.id,
    login: user.name,
    username: user.name,
    login_name: authed ? user.loginName : '',
    source_id: authed ? user.loginSource : 0,
    full_name: user.fullName,
    email: showEmail ? user.email : `${user.name.toLowerCase()}@${view.noReplyAddress}`,
    avatar_url: avatarUrl(user, view.rootUrl),
    html_url: `${view.rootUrl}${encodeURIComponent(user.name)}`,
    language: authed ? user.language : '',
    is_admin: authed ? user.isAdmin : false,
    last_login: rfc3339(authed ? user.lastLoginUnix : 0),
    created: rfc3339(user.createdUnix),
    restricted: user.isRestricted,
    active: authed ? user.isActive : false,
    prohibit_login: authed ? user.prohibitLogin : false,
    location: user.location,
    website: user.website,
    description: user.description,
    visibility: user.visibility,
    followers_count: user.numFollowers,
    following_count: user.numFollowing,
    starred_repos_count: user.numStars,
  };
}

/**
 * Names the variant of toApiUser's output a viewer gets for these users: anonymous callers, site
 * admins, and other signed-in callers see the same JSON, except that a caller sees more of their
 * own account. Keep it in step with toApiUser.
 */
export function userListViewKey(users: readonly User[], view: UserView): string {
  const { viewer } = view;
  if (!viewer) return 'anonymous';
  if (viewer.isAdmin) return 'admin';
  return users.some((u) => u.id === viewer.id) ? `self:${viewer.id}` : 'signed';
}

/**
 * Where the account's avatar is served: its uploaded image by content hash, else a generated
 * identicon named by a hash of the account id (not of the e-mail, which may be private).
 */
export function avatarUrl(user: User, rootUrl: string): string {
  return `${rootUrl}avatars/${user.avatar || generatedAvatarName(user.id)}`;
}

// Hashing shows in the profile of user lists; the name depends on the id alone, so keep them.
const generatedNames = new Map<number, string>();

function generatedAvatarName(id: number): string {
  let name = generatedNames.get(id);
  if (name === undefined) {
    name = hash('md5', `samovar-avatar-${id}`);
    if (generatedNames.size >= 100_000) generatedNames.clear();
    generatedNames.set(id, name);
  }
  return name;
}
