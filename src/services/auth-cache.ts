import { hash } from 'node:crypto';

/**
 * Remembers recently verified tokens so that a busy client costs no database round trip per
 * request. Keys are SHA-256 digests of the tokens (160 random bits each, so a digest reveals
 * nothing): raw tokens are never held. Every write that can change what a token grants (users,
 * tokens) clears the cache; the TTL bounds staleness when several processes share one database.
 */
export class AuthCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly ttlMs = 10_000,
    private readonly maxEntries = 10_000,
  ) {}

  keyOf(secret: string): string {
    return hash('sha256', secret, 'base64');
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, expires: Date.now() + this.ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }
}
