import * as linguist from 'linguist-languages';
import { listTreeRecursive } from '../git/tree.js';

interface LanguageData {
  name: string;
  type: string;
  extensions?: readonly string[];
  filenames?: readonly string[];
}

// GitHub Linguist's data: extensions and file names to languages. Only programming and markup
// languages count in a repository's statistics, as on GitHub and Gitea.
const byExtension = new Map<string, string>();
const byFilename = new Map<string, string>();
const counted = Object.values(linguist as unknown as Record<string, LanguageData>).filter((l) => l.type === 'programming' || l.type === 'markup');
// An extension shared by several languages goes to the one whose primary (first) extension it is.
for (const pass of ['primary', 'other'] as const) {
  for (const lang of counted) {
    const exts = pass === 'primary' ? (lang.extensions ?? []).slice(0, 1) : (lang.extensions ?? []).slice(1);
    for (const ext of exts) if (!byExtension.has(ext.toLowerCase())) byExtension.set(ext.toLowerCase(), lang.name);
  }
}
for (const lang of counted) for (const file of lang.filenames ?? []) if (!byFilename.has(file)) byFilename.set(file, lang.name);

const VENDORED = /(^|\/)(node_modules|vendor|third_party|bower_components|\.git)\//;

export function languageOf(path: string): string | null {
  if (VENDORED.test(path)) return null;
  const name = path.split('/').pop()!;
  const fromName = byFilename.get(name);
  if (fromName) return fromName;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? (byExtension.get(name.slice(dot).toLowerCase()) ?? null) : null;
}

const cache = new Map<string, Record<string, number>>();
const CACHE_SIZE = 256;

/** Bytes per language in a commit's tree, from one `git ls-tree`; cached per commit (commits never change). */
export async function languageStats(repoPath: string, commitId: string): Promise<Record<string, number>> {
  const key = `${repoPath}\0${commitId}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const stats: Record<string, number> = {};
  for (const entry of await listTreeRecursive(repoPath, commitId)) {
    if (entry.type !== 'blob' || entry.mode === '120000') continue;
    const language = languageOf(entry.path);
    if (language) stats[language] = (stats[language] ?? 0) + entry.size;
  }
  const sorted = Object.fromEntries(Object.entries(stats).sort((a, b) => b[1] - a[1]));
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(key, sorted);
  return sorted;
}
