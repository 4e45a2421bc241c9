import * as linguist from 'linguist-languages';
import { listTreeRecursive } from '../git/tree.js';

interface LanguageData {
  name: string;
  type: string;
  languageId: number;
  extensions?: readonly string[];
  filenames?: readonly string[];
}

// GitHub Linguist's data: extensions and file names to languages. Every type is mapped (a .md
// file is Markdown, not some programming language that also uses .md), but only programming and
// markup languages count in a repository's statistics, as on GitHub and Gitea.
// Linguist's "popular" languages win ties (its own first preference before heuristics).
const POPULAR = new Set([
  'C', 'C#', 'C++', 'CoffeeScript', 'CSS', 'Dart', 'DM', 'Elixir', 'Go', 'Groovy', 'HTML', 'Java', 'JavaScript', 'Kotlin',
  'Markdown', 'Objective-C', 'Perl', 'PHP', 'PowerShell', 'Python', 'Ruby', 'Rust', 'Scala', 'Shell', 'Swift', 'TypeScript',
]);
const rank = (l: LanguageData) => (POPULAR.has(l.name) ? 0 : 1);
const all = Object.values(linguist as unknown as Record<string, LanguageData>).sort((a, b) => rank(a) - rank(b) || a.languageId - b.languageId);
const byExtension = new Map<string, LanguageData>();
const byFilename = new Map<string, LanguageData>();
// An extension shared by several languages goes to one whose primary (first) extension it is,
// popular ones first, then the oldest (lowest id): HTML rather than Ecmarkup for .html.
for (const pass of ['primary', 'other'] as const) {
  for (const lang of all) {
    const exts = pass === 'primary' ? (lang.extensions ?? []).slice(0, 1) : (lang.extensions ?? []).slice(1);
    for (const ext of exts) if (!byExtension.has(ext.toLowerCase())) byExtension.set(ext.toLowerCase(), lang);
  }
}
for (const lang of all) for (const file of lang.filenames ?? []) if (!byFilename.has(file)) byFilename.set(file, lang);

const counts = (lang: LanguageData | undefined) => (lang && (lang.type === 'programming' || lang.type === 'markup') ? lang.name : null);

const VENDORED = /(^|\/)(node_modules|vendor|third_party|bower_components|\.git)\//;

/** The counted language of a path, or null (vendored, prose, data or unknown). */
export function languageOf(path: string): string | null {
  if (VENDORED.test(path)) return null;
  const name = path.split('/').pop()!;
  const fromName = byFilename.get(name);
  if (fromName) return counts(fromName);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? counts(byExtension.get(name.slice(dot).toLowerCase())) : null;
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
