import { badRequest } from './errors.js';

// Gitea's token scopes: a category with a level (read or write, write implying read), plus
// `all` (write everywhere) and `public-only` (a flag that hides private resources).
export const SCOPE_CATEGORIES = [
  'activitypub',
  'admin',
  'issue',
  'misc',
  'notification',
  'organization',
  'package',
  'repository',
  'user',
] as const;
export type ScopeCategory = (typeof SCOPE_CATEGORIES)[number];
export type ScopeLevel = 'read' | 'write';

export interface TokenScope {
  /** The level granted per category; absent categories are not granted. */
  granted: Partial<Record<ScopeCategory, ScopeLevel>>;
  publicOnly: boolean;
}

export const FULL_SCOPE: TokenScope = {
  granted: Object.fromEntries(SCOPE_CATEGORIES.map((c) => [c, 'write'])),
  publicOnly: false,
};

const isCategory = (c: string): c is ScopeCategory => (SCOPE_CATEGORIES as readonly string[]).includes(c);

/** Parses scopes as sent by clients (a list, items may be comma-joined); throws on unknown ones. */
export function parseScopes(input: readonly string[]): TokenScope {
  const scope: TokenScope = { granted: {}, publicOnly: false };
  const items = input.flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
  for (const item of items) {
    if (item === 'all') {
      for (const c of SCOPE_CATEGORIES) scope.granted[c] = 'write';
      continue;
    }
    if (item === 'public-only') {
      scope.publicOnly = true;
      continue;
    }
    const [level, category] = item.split(':');
    if ((level !== 'read' && level !== 'write') || !category || !isCategory(category)) {
      throw badRequest(`invalid access token scope provided: ${item}`);
    }
    if (scope.granted[category] !== 'write') scope.granted[category] = level;
  }
  return scope;
}

/** The normalized list form, as stored and shown: `all` when every category is writable. */
export function formatScopes(scope: TokenScope): string[] {
  const out: string[] = [];
  if (SCOPE_CATEGORIES.every((c) => scope.granted[c] === 'write')) out.push('all');
  else for (const c of SCOPE_CATEGORIES) if (scope.granted[c]) out.push(`${scope.granted[c]}:${c}`);
  if (scope.publicOnly) out.push('public-only');
  return out;
}

export function hasAnyPermission(scope: TokenScope): boolean {
  return Object.keys(scope.granted).length > 0;
}

export function allows(scope: TokenScope, category: ScopeCategory, level: ScopeLevel): boolean {
  const granted = scope.granted[category];
  return granted === 'write' || (granted === 'read' && level === 'read');
}
