import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../connect.js';
import { idColumn } from './columns.js';

/** Issues, their comments, labels, assignees and milestones, and full-text search over issues. */
export async function up(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  await idColumn(db.schema.createTable('milestones'), dialect)
    .addColumn('repo_id', 'bigint', (c) => c.notNull().references('repositories.id').onDelete('cascade'))
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_closed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('num_issues', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('num_closed_issues', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deadline_unix', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('closed_unix', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .addColumn('updated_unix', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('milestones_repo').on('milestones').columns(['repo_id', 'name']).execute();

  // The last number given in each repository: issues (and later pull requests) share it.
  await db.schema
    .createTable('issue_indexes')
    .addColumn('repo_id', 'bigint', (c) => c.primaryKey().references('repositories.id').onDelete('cascade'))
    .addColumn('max_index', 'bigint', (c) => c.notNull())
    .execute();

  await idColumn(db.schema.createTable('issues'), dialect)
    .addColumn('repo_id', 'bigint', (c) => c.notNull().references('repositories.id').onDelete('cascade'))
    .addColumn('index', 'bigint', (c) => c.notNull())
    .addColumn('poster_id', 'bigint', (c) => c.notNull())
    .addColumn('title', 'varchar(255)', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('is_pull', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_closed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_locked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('milestone_id', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('ref', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('num_comments', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pin_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('deadline_unix', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .addColumn('updated_unix', 'bigint', (c) => c.notNull())
    .addColumn('closed_unix', 'bigint', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('issues_repo_index', ['repo_id', 'index'])
    .execute();
  // Lists walk a repository's issues newest first; the index also answers counts on its own.
  await db.schema.createIndex('issues_repo_state_created').on('issues').columns(['repo_id', 'is_closed', 'created_unix']).execute();
  await db.schema.createIndex('issues_poster').on('issues').column('poster_id').execute();
  await db.schema.createIndex('issues_milestone').on('issues').column('milestone_id').execute();

  await db.schema
    .createTable('issue_assignees')
    .addColumn('issue_id', 'bigint', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('assignee_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('issue_assignees_pk', ['issue_id', 'assignee_id'])
    .execute();
  await db.schema.createIndex('issue_assignees_user').on('issue_assignees').column('assignee_id').execute();

  await db.schema
    .createTable('issue_labels')
    .addColumn('issue_id', 'bigint', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('label_id', 'bigint', (c) => c.notNull().references('labels.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('issue_labels_pk', ['issue_id', 'label_id'])
    .execute();
  await db.schema.createIndex('issue_labels_label').on('issue_labels').column('label_id').execute();

  // Users @-mentioned in an issue or its comments (for mentioned_by and notifications).
  await db.schema
    .createTable('issue_mentions')
    .addColumn('issue_id', 'bigint', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('issue_mentions_pk', ['issue_id', 'user_id'])
    .execute();
  await db.schema.createIndex('issue_mentions_user').on('issue_mentions').column('user_id').execute();

  await idColumn(db.schema.createTable('comments'), dialect)
    .addColumn('issue_id', 'bigint', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    /** 0 a comment; other values are timeline events (see models/comments.ts). */
    .addColumn('type', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('poster_id', 'bigint', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull().defaultTo(''))
    /** JSON of the event's details (label, titles, milestones, assignee, reference). */
    .addColumn('event', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .addColumn('updated_unix', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('comments_issue').on('comments').columns(['issue_id', 'created_unix']).execute();

  await idColumn(db.schema.createTable('reactions'), dialect)
    .addColumn('issue_id', 'bigint', (c) => c.notNull().references('issues.id').onDelete('cascade'))
    /** 0 for a reaction to the issue itself. */
    .addColumn('comment_id', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('type', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_unix', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('reactions_once', ['issue_id', 'comment_id', 'user_id', 'type'])
    .execute();

  // Full-text search, kept in step with issues by the same transactions that write them.
  if (dialect === 'sqlite3') {
    await sql`create virtual table issues_fts using fts5(title, content, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`.execute(db);
  } else {
    await sql`alter table issues add column search tsvector`.execute(db);
    await sql`create index issues_search on issues using gin (search)`.execute(db);
  }
}
