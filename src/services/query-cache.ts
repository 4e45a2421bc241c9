import type { TableVersions } from '../db/table-versions.js';

/**
 * Results of a read that depends only on some tables, kept until one of those tables is written.
 * Where other processes' writes cannot be seen (PostgreSQL), an entry also expires after `ttlMs`.
 * The version is taken before the read: a write that lands during the read makes the entry stale.
 */
export class QueryCache<V> {
  private readonly entries = new Map<string, { value: V; version: string; expires: number }>();

  constructor(
    private readonly versions: TableVersions,
    private readonly tables: readonly string[],
    private readonly ttlMs = 2_000,
    private readonly maxEntries = 1_000,
  ) {}

  async get(key: string, read: () => Promise<V>): Promise<V> {
    const version = this.versions.versionOf(this.tables);
    const now = Date.now();
    const entry = this.entries.get(key);
    if (entry && entry.version === version && (this.versions.exact || entry.expires > now)) return entry.value;
    const value = await read();
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, version, expires: now + this.ttlMs });
    return value;
  }
}
