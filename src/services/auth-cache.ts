import { hash } from 'node:crypto';
import type { TableVersions } from '../db/table-versions.js';

/**
 * Remembers recently verified tokens so that a busy client costs no database round trip per
 * request. Keys are SHA-256 digests of the tokens (160 random bits each, so a digest reveals
 * nothing): raw tokens are never held. An entry holds the caller's account as read then, so any
 * write to `tables` (the account's counters too) makes it stale; services also clear the cache
 * when a write elsewhere changes what a token grants (tokens, memberships). The TTL bounds
 * staleness when several processes share one database.
 */
export class AuthCache<V> {
  private readonly entries = new Map<string, { value: V; version: string; expires: number }>();

  constructor(
    private readonly versions: TableVersions,
    private readonly tables: readonly string[] = ['users'],
    private readonly ttlMs = 10_000,
    private readonly maxEntries = 10_000,
  ) {}

  keyOf(secret: string): string {
    return hash('sha256', secret, 'base64');
  }

  /** The version of the cached tables now; a write after it makes entries set with it stale. */
  currentVersion(): string {
    return this.versions.versionOf(this.tables);
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires < Date.now() || entry.version !== this.versions.versionOf(this.tables)) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Remembers `value`, read at `version` (taken with `currentVersion()` before the read). */
  set(key: string, value: V, version: string): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, version, expires: Date.now() + this.ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }
}
