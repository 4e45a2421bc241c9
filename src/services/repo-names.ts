import { invalid } from './errors.js';

// Gitea's rules for repository names: letters, digits, '-', '_' and '.', at most 100 characters.
const RESERVED = new Set(['.', '..', '-']);
const RESERVED_SUFFIXES = ['.git', '.wiki', '.rss', '.atom'];
const VALID = /^[\w.-]+$/;

export function assertValidRepoName(name: string): void {
  const lower = name.toLowerCase();
  if (RESERVED.has(lower)) throw invalid(`repository name is reserved [name: ${name}]`);
  const suffix = RESERVED_SUFFIXES.find((s) => lower.endsWith(s));
  if (suffix) throw invalid(`name pattern is not allowed [pattern: *${suffix}]`);
  if (name.length === 0 || name.length > 100) throw invalid(`[Name]: repository name must be 1 to 100 characters`);
  if (!VALID.test(name)) throw invalid(`[Name]: should contain only alphanumeric, dash ('-'), underscore ('_') and dot ('.') characters`);
}
