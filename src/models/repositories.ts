import { sql, type Expression, type ExpressionBuilder, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Database, RepositoriesTable } from '../db/schema.js';
import { containsPattern, totalOf } from './users.js';
import { nowUnix, type Queryable } from './types.js';

/** Unit and merge settings kept as JSON: no query filters on them. */
export interface RepoOptions {
  hasWiki: boolean;
  hasPullRequests: boolean;
  hasProjects: boolean;
  projectsMode: string;
  hasReleases: boolean;
  hasPackages: boolean;
  hasActions: boolean;
  externalTrackerUrl: string;
  externalTrackerFormat: string;
  externalTrackerStyle: string;
  externalTrackerRegexpPattern: string;
  externalWikiUrl: string;
  enableTimeTracker: boolean;
  allowOnlyContributorsToTrackTime: boolean;
  enableIssueDependencies: boolean;
  ignoreWhitespaceConflicts: boolean;
  allowMergeCommits: boolean;
  allowRebase: boolean;
  allowRebaseExplicit: boolean;
  allowSquashMerge: boolean;
  allowFastForwardOnlyMerge: boolean;
  allowRebaseUpdate: boolean;
  allowManualMerge: boolean;
  autodetectManualMerge: boolean;
  defaultDeleteBranchAfterMerge: boolean;
  defaultMergeStyle: string;
  defaultAllowMaintainerEdit: boolean;
}

export const DEFAULT_REPO_OPTIONS: RepoOptions = {
  hasWiki: true,
  hasPullRequests: true,
  hasProjects: true,
  projectsMode: 'all',
  hasReleases: true,
  hasPackages: true,
  hasActions: false,
  externalTrackerUrl: '',
  externalTrackerFormat: '',
  externalTrackerStyle: 'numeric',
  externalTrackerRegexpPattern: '',
  externalWikiUrl: '',
  enableTimeTracker: true,
  allowOnlyContributorsToTrackTime: true,
  enableIssueDependencies: true,
  ignoreWhitespaceConflicts: false,
  allowMergeCommits: true,
  allowRebase: true,
  allowRebaseExplicit: true,
  allowSquashMerge: true,
  allowFastForwardOnlyMerge: true,
  allowRebaseUpdate: true,
  allowManualMerge: false,
  autodetectManualMerge: false,
  defaultDeleteBranchAfterMerge: false,
  defaultMergeStyle: 'merge',
  defaultAllowMaintainerEdit: false,
};

export interface Repository {
  id: number;
  ownerId: number;
  name: string;
  lowerName: string;
  description: string;
  website: string;
  originalUrl: string;
  defaultBranch: string;
  isPrivate: boolean;
  isEmpty: boolean;
  isArchived: boolean;
  isMirror: boolean;
  isFork: boolean;
  forkId: number;
  isTemplate: boolean;
  templateId: number;
  hasIssues: boolean;
  numStars: number;
  numForks: number;
  numWatches: number;
  numOpenIssues: number;
  numOpenPulls: number;
  numReleases: number;
  size: number;
  objectFormatName: 'sha1' | 'sha256';
  trustModel: string;
  options: RepoOptions;
  archivedUnix: number;
  createdUnix: number;
  updatedUnix: number;
}

export type RepoFields = Partial<Omit<Repository, 'id' | 'lowerName' | 'createdUnix' | 'updatedUnix' | 'numStars' | 'numForks' | 'numWatches'>>;

function parseOptions(text: string): RepoOptions {
  try {
    return { ...DEFAULT_REPO_OPTIONS, ...(JSON.parse(text) as Partial<RepoOptions>) };
  } catch {
    return { ...DEFAULT_REPO_OPTIONS };
  }
}

function toRepository(row: Selectable<RepositoriesTable>): Repository {
  return {
    id: row.id,
    ownerId: row.owner_id,
    name: row.name,
    lowerName: row.lower_name,
    description: row.description,
    website: row.website,
    originalUrl: row.original_url,
    defaultBranch: row.default_branch,
    isPrivate: row.is_private === 1,
    isEmpty: row.is_empty === 1,
    isArchived: row.is_archived === 1,
    isMirror: row.is_mirror === 1,
    isFork: row.is_fork === 1,
    forkId: row.fork_id,
    isTemplate: row.is_template === 1,
    templateId: row.template_id,
    hasIssues: row.has_issues === 1,
    numStars: row.num_stars,
    numForks: row.num_forks,
    numWatches: row.num_watches,
    numOpenIssues: row.num_open_issues,
    numOpenPulls: row.num_open_pulls,
    numReleases: row.num_releases,
    size: row.size,
    objectFormatName: row.object_format_name === 'sha256' ? 'sha256' : 'sha1',
    trustModel: row.trust_model,
    options: parseOptions(row.options),
    archivedUnix: row.archived_unix,
    createdUnix: row.created_unix,
    updatedUnix: row.updated_unix,
  };
}

const flag = (v: boolean | undefined) => (v === undefined ? undefined : v ? 1 : 0);

function toColumns(f: RepoFields): Updateable<RepositoriesTable> {
  const cols: Updateable<RepositoriesTable> = {
    owner_id: f.ownerId,
    name: f.name,
    lower_name: f.name?.toLowerCase(),
    description: f.description,
    website: f.website,
    original_url: f.originalUrl,
    default_branch: f.defaultBranch,
    is_private: flag(f.isPrivate),
    is_empty: flag(f.isEmpty),
    is_archived: flag(f.isArchived),
    is_mirror: flag(f.isMirror),
    is_fork: flag(f.isFork),
    fork_id: f.forkId,
    is_template: flag(f.isTemplate),
    template_id: f.templateId,
    has_issues: flag(f.hasIssues),
    num_open_issues: f.numOpenIssues,
    num_open_pulls: f.numOpenPulls,
    num_releases: f.numReleases,
    size: f.size,
    object_format_name: f.objectFormatName,
    trust_model: f.trustModel,
    options: f.options === undefined ? undefined : JSON.stringify(f.options),
    archived_unix: f.archivedUnix,
  };
  return Object.fromEntries(Object.entries(cols).filter(([, v]) => v !== undefined));
}

export async function insertRepository(db: Queryable, f: RepoFields & { ownerId: number; name: string }): Promise<Repository> {
  const now = nowUnix();
  const row = await db
    .insertInto('repositories')
    .values({ ...toColumns({ options: DEFAULT_REPO_OPTIONS, ...f }), created_unix: now, updated_unix: now } as Insertable<RepositoriesTable>)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRepository(row);
}

export async function updateRepository(db: Queryable, id: number, f: RepoFields, touch = true): Promise<void> {
  const cols = toColumns(f);
  if (touch) cols.updated_unix = nowUnix();
  if (Object.keys(cols).length === 0) return;
  await db.updateTable('repositories').set(cols).where('id', '=', id).execute();
}

export async function deleteRepository(db: Queryable, id: number): Promise<void> {
  // Webhooks and actions name their repository without a foreign key (0 means none).
  await db.deleteFrom('webhooks').where('repo_id', '=', id).execute();
  await db.deleteFrom('actions').where('repo_id', '=', id).execute();
  await db.deleteFrom('repositories').where('id', '=', id).execute();
}

export async function getRepositoryById(db: Queryable, id: number): Promise<Repository | undefined> {
  const row = await db.selectFrom('repositories').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRepository(row);
}

export async function getRepositoryByName(db: Queryable, ownerId: number, name: string): Promise<Repository | undefined> {
  const row = await db
    .selectFrom('repositories')
    .selectAll()
    .where('owner_id', '=', ownerId)
    .where('lower_name', '=', name.toLowerCase())
    .executeTakeFirst();
  return row && toRepository(row);
}

export async function getRepositoriesByIds(db: Queryable, ids: number[]): Promise<Repository[]> {
  if (ids.length === 0) return [];
  return (await db.selectFrom('repositories').selectAll().where('id', 'in', ids).execute()).map(toRepository);
}

export async function ownedRepositoryIds(db: Queryable, ownerId: number): Promise<number[]> {
  return (await db.selectFrom('repositories').select('id').where('owner_id', '=', ownerId).orderBy('id').execute()).map((r) => r.id);
}

export async function countOwnedRepositories(db: Queryable, ownerId: number): Promise<number> {
  const row = await db.selectFrom('repositories').select((e) => e.fn.countAll<number>().as('n')).where('owner_id', '=', ownerId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Who is searching: decides which private repositories are visible, in SQL. */
export interface RepoViewer {
  id: number;
  isAdmin: boolean;
  /** Sees no public repositories of others: only what was shared. */
  isRestricted?: boolean;
}

export interface RepoSearch {
  viewer: RepoViewer | null;
  keyword?: string;
  includeDescription?: boolean;
  ownerId?: number;
  /** Only repositories the user owns or collaborates on (with `exclusive`, only owned). */
  memberId?: number;
  exclusive?: boolean;
  starredBy?: number;
  watchedBy?: number;
  /** The keyword names a topic exactly, instead of matching names. */
  keywordIsTopic?: boolean;
  isPrivate?: boolean;
  isTemplate?: boolean;
  isArchived?: boolean;
  mode?: 'fork' | 'source' | 'mirror' | 'collaborative';
  priorityOwnerId?: number;
  sort: 'alpha' | 'created' | 'updated' | 'size' | 'id' | 'stars' | 'forks';
  order: 'asc' | 'desc';
  offset: number;
  limit: number;
}

const SORT_COLUMNS = {
  alpha: 'lower_name',
  created: 'created_unix',
  updated: 'updated_unix',
  size: 'size',
  id: 'id',
  stars: 'num_stars',
  forks: 'num_forks',
} as const;

type RepoWithOwner = ExpressionBuilder<Database & { r: Database['repositories']; o: Database['users'] }, 'r' | 'o'>;

/**
 * Which repositories (`r`, joined with their owner `o`) a non-admin viewer may see: public
 * repositories of visible owners, the viewer's own, and those shared with the viewer. Each IN is
 * uncorrelated: computed once per query, not per row.
 */
function visibleTo(e: RepoWithOwner, viewer: RepoViewer | null): Expression<SqlBool> {
  if (!viewer) return e.and([e('r.is_private', '=', 0), e('o.visibility', '=', 0)]);
  return e.or([
    viewer.isRestricted ? e.lit(false) : e.and([e('r.is_private', '=', 0), e('o.visibility', 'in', [0, 1])]),
    e('r.owner_id', '=', viewer.id),
    e('r.id', 'in', e.selectFrom('collaborations').select('repo_id').where('user_id', '=', viewer.id)),
    // Organizations: members see public repositories of private orgs, teams their repositories.
    e.and([e('r.is_private', '=', 0), e('r.owner_id', 'in', e.selectFrom('org_users').select('org_id').where('uid', '=', viewer.id))]),
    e('r.id', 'in', e.selectFrom('team_repos as tr').innerJoin('team_users as tu', 'tu.team_id', 'tr.team_id').select('tr.repo_id').where('tu.uid', '=', viewer.id)),
    e('r.owner_id', 'in', e.selectFrom('teams as t').innerJoin('team_users as tu2', 'tu2.team_id', 't.id').select('t.org_id').where('tu2.uid', '=', viewer.id).where('t.includes_all_repositories', '=', 1)),
  ]);
}

/** Ids of the repositories the viewer may see, as a subquery for other tables' lists (null: all). */
export function visibleRepoIds(db: Queryable, viewer: RepoViewer | null) {
  if (viewer?.isAdmin) return null;
  return db
    .selectFrom('repositories as r')
    .innerJoin('users as o', 'o.id', 'r.owner_id')
    .select('r.id')
    .where((e) => visibleTo(e, viewer));
}

/** One page of repositories matching the search, visible to the viewer, with the total. */
export async function searchRepositories(db: Queryable, s: RepoSearch): Promise<{ repos: Repository[]; total: number }> {
  // Owners join once (not a subquery per row); their visibility limits what others see.
  let q = db.selectFrom('repositories as r').innerJoin('users as o', 'o.id', 'r.owner_id');
  if (s.viewer && s.viewer.isAdmin) {
    // site admins see everything
  } else {
    const viewer = s.viewer;
    q = q.where((e) => visibleTo(e, viewer));
  }
  if (s.ownerId !== undefined) q = q.where('r.owner_id', '=', s.ownerId);
  if (s.memberId !== undefined) {
    const member = s.memberId;
    q = s.exclusive
      ? q.where('r.owner_id', '=', member)
      : q.where((e) =>
          e.or([
            e('r.owner_id', '=', member),
            e('r.id', 'in', e.selectFrom('collaborations').select('repo_id').where('user_id', '=', member)),
            e('r.id', 'in', e.selectFrom('team_repos as tr').innerJoin('team_users as tu', 'tu.team_id', 'tr.team_id').select('tr.repo_id').where('tu.uid', '=', member)),
            e('r.owner_id', 'in', e.selectFrom('teams as t').innerJoin('team_users as tu2', 'tu2.team_id', 't.id').select('t.org_id').where('tu2.uid', '=', member).where('t.includes_all_repositories', '=', 1)),
          ]),
        );
  }
  if (s.starredBy !== undefined) {
    const starrer = s.starredBy;
    q = q.where((e) => e.exists(e.selectFrom('stars as st').select('st.repo_id').whereRef('st.repo_id', '=', 'r.id').where('st.user_id', '=', starrer)));
  }
  if (s.watchedBy !== undefined) {
    const watcher = s.watchedBy;
    q = q.where((e) => e.exists(e.selectFrom('watches as w').select('w.repo_id').whereRef('w.repo_id', '=', 'r.id').where('w.user_id', '=', watcher)));
  }
  if (s.keyword) {
    const keyword = s.keyword;
    if (s.keywordIsTopic) {
      q = q.where((e) =>
        e.exists(
          e
            .selectFrom('repo_topics as rt')
            .innerJoin('topics as t', 't.id', 'rt.topic_id')
            .select('rt.repo_id')
            .whereRef('rt.repo_id', '=', 'r.id')
            .where('t.name', '=', keyword.toLowerCase()),
        ),
      );
    } else {
      const like = containsPattern(keyword);
      q = s.includeDescription
        ? q.where(sql<boolean>`(r.lower_name like ${like} escape '\\' or lower(r.description) like ${like} escape '\\')`)
        : q.where(sql<boolean>`r.lower_name like ${like} escape '\\'`);
    }
  }
  if (s.isPrivate !== undefined) q = q.where('r.is_private', '=', s.isPrivate ? 1 : 0);
  if (s.isTemplate !== undefined) q = q.where('r.is_template', '=', s.isTemplate ? 1 : 0);
  if (s.isArchived !== undefined) q = q.where('r.is_archived', '=', s.isArchived ? 1 : 0);
  if (s.mode === 'fork') q = q.where('r.is_fork', '=', 1);
  if (s.mode === 'source') q = q.where('r.is_fork', '=', 0).where('r.is_mirror', '=', 0);
  if (s.mode === 'mirror') q = q.where('r.is_mirror', '=', 1);
  if (s.mode === 'collaborative') q = q.where('r.owner_id', '!=', s.memberId ?? 0);

  let page = q.selectAll('r');
  if (s.priorityOwnerId) page = page.orderBy(sql`case when r.owner_id = ${s.priorityOwnerId} then 0 else 1 end`);
  page = page.orderBy(`r.${SORT_COLUMNS[s.sort]}`, s.order).orderBy('r.id', s.order);
  const rows = await page.limit(s.limit).offset(s.offset).execute();
  const total = await totalOf(rows.length, s, () => q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());
  return { repos: rows.map(toRepository), total };
}

/** A page of the forks of a repository, oldest first. */
export async function listForks(db: Queryable, repoId: number, offset: number, limit: number): Promise<{ repos: Repository[]; total: number }> {
  const q = db.selectFrom('repositories').where('fork_id', '=', repoId);
  const rows = await q.selectAll().orderBy('id').limit(limit).offset(offset).execute();
  const total = await totalOf(rows.length, { offset, limit }, () => q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());
  return { repos: rows.map(toRepository), total };
}

export async function findFork(db: Queryable, ownerId: number, sourceId: number): Promise<Repository | undefined> {
  const row = await db.selectFrom('repositories').selectAll().where('owner_id', '=', ownerId).where('fork_id', '=', sourceId).executeTakeFirst();
  return row && toRepository(row);
}

export async function addToForkCount(db: Queryable, repoId: number, by: number): Promise<void> {
  await db.updateTable('repositories').set({ num_forks: sql`num_forks + ${by}` }).where('id', '=', repoId).execute();
}

export async function listOwnedRepositories(db: Queryable, ownerId: number): Promise<Repository[]> {
  return (await db.selectFrom('repositories').selectAll().where('owner_id', '=', ownerId).orderBy('id').execute()).map(toRepository);
}

/** Every repository with its owner's name, in id order, a page at a time (for maintenance tasks). */
export async function repositoriesWithOwners(db: Queryable, afterId: number, limit: number): Promise<{ id: number; name: string; ownerName: string }[]> {
  return db
    .selectFrom('repositories as r')
    .innerJoin('users as u', 'u.id', 'r.owner_id')
    .select(['r.id', 'r.name', 'u.name as ownerName'])
    .where('r.id', '>', afterId)
    .orderBy('r.id')
    .limit(limit)
    .execute();
}
