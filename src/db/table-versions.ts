import { AliasNode, TableNode, type KyselyPlugin, type OperationNode, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';

/**
 * Counts the writes to each table, so that a cache of query results can tell whether what it
 * holds may be stale without asking the database. Writes made by this process are seen through
 * a Kysely plugin; writes made by other processes are seen through `foreignWrites`, when the
 * database can tell (SQLite's data_version). When it cannot (PostgreSQL, shared by several
 * processes), `exact` is false and caches must also bound their entries' age.
 */
export class TableVersions {
  private epoch = 0;
  private readonly counts = new Map<string, number>();

  constructor(
    readonly exact: boolean,
    private readonly foreignWrites: () => boolean = () => false,
  ) {}

  /** A value that differs from every earlier one once any of `tables` may have changed. */
  versionOf(tables: readonly string[]): string {
    if (this.foreignWrites()) this.epoch++;
    let version = String(this.epoch);
    for (const table of tables) version += `:${this.counts.get(table) ?? 0}`;
    return version;
  }

  /** Records a write to `table`, or to any table when it is not known. */
  bump(table: string | null): void {
    if (table === null) this.epoch++;
    else this.counts.set(table, (this.counts.get(table) ?? 0) + 1);
  }
}

/**
 * Bumps the written table both when a write is compiled and when it has run: a reader that read
 * between the two bumps cached under the first one's version, which the second makes stale.
 */
export class WriteTracker implements KyselyPlugin {
  private readonly pending = new WeakMap<object, (string | null)[]>();

  constructor(private readonly versions: TableVersions) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const tables = writtenTables(args.node);
    if (tables) {
      for (const table of tables) this.versions.bump(table);
      this.pending.set(args.queryId, tables);
    }
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const tables = this.pending.get(args.queryId);
    if (tables) {
      for (const table of tables) this.versions.bump(table);
      this.pending.delete(args.queryId);
    }
    return args.result;
  }
}

/** The tables a query writes (null: unknown, so any), or undefined for a read. */
function writtenTables(node: RootOperationNode): (string | null)[] | undefined {
  switch (node.kind) {
    case 'SelectQueryNode':
      return undefined;
    case 'InsertQueryNode':
      return [tableName(node.into)];
    case 'UpdateQueryNode':
      return [tableName(node.table)];
    case 'DeleteQueryNode':
      return node.from.froms.map(tableName);
    case 'RawNode':
      return /^\s*(select|pragma|explain)\b/i.test(node.sqlFragments[0] ?? '') ? undefined : [null];
    default:
      return [null];
  }
}

function tableName(node: OperationNode | undefined): string | null {
  if (node && TableNode.is(node)) return node.table.identifier.name;
  if (node && AliasNode.is(node)) return tableName(node.node);
  return null;
}
