import { parse as parseYaml } from 'yaml';
import { readObject } from '../git/cat-file.js';
import { listFilesUnder } from '../git/tree.js';
import type { RepoService, RepoContext } from './repositories.js';

/** Where Gitea looks for issue templates on the default branch, in its order. */
const TEMPLATE_DIRS = ['.gitea/ISSUE_TEMPLATE', '.gitea/issue_template', '.github/ISSUE_TEMPLATE', '.github/issue_template', '.gitlab/ISSUE_TEMPLATE', '.gitlab/issue_template'];
const SINGLE_FILES = ['.gitea/ISSUE_TEMPLATE.md', '.gitea/issue_template.md', '.github/ISSUE_TEMPLATE.md', '.github/issue_template.md', '.gitlab/ISSUE_TEMPLATE.md', '.gitlab/issue_template.md'];

export interface IssueTemplate {
  name: string;
  title: string;
  about: string;
  labels: string[];
  ref: string;
  /** The Markdown body of a Markdown template. */
  content: string;
  /** The form fields of a YAML template. */
  body: Record<string, unknown>[];
  fileName: string;
}

export interface IssueConfig {
  blankIssuesEnabled: boolean;
  contactLinks: { name: string; url: string; about: string }[];
}

const DEFAULT_CONFIG: IssueConfig = { blankIssuesEnabled: true, contactLinks: [] };

/** Issue templates and the issue form configuration, read from the default branch. */
export class IssueTemplateService {
  constructor(private readonly repos: RepoService) {}

  /** The valid templates; invalid ones are left out (GET /issue_config/validate says why for the config). */
  async templates(rc: RepoContext): Promise<IssueTemplate[]> {
    const files = await this.files(rc);
    const result: IssueTemplate[] = [];
    for (const file of files.filter((f) => /\.(md|ya?ml)$/i.test(f.path) && !/\/config\.ya?ml$/i.test(f.path))) {
      const text = await this.read(rc, file.oid);
      const template = text === null ? null : parseTemplate(file.path, text);
      if (template) result.push(template);
    }
    return result;
  }

  /** The configuration, or the defaults when there is none; `error` says what is wrong with a bad one. */
  async config(rc: RepoContext): Promise<{ config: IssueConfig; error: string | null }> {
    const files = await this.files(rc);
    const file = TEMPLATE_DIRS.flatMap((dir) => [`${dir}/config.yaml`, `${dir}/config.yml`]).map((path) => files.find((f) => f.path === path)).find(Boolean);
    if (!file) return { config: DEFAULT_CONFIG, error: null };
    const text = await this.read(rc, file.oid);
    try {
      return { config: parseConfig(text ?? ''), error: null };
    } catch (err) {
      return { config: DEFAULT_CONFIG, error: `${file.path}: ${err instanceof Error ? err.message : String(err)}` };
    }
  }

  private async files(rc: RepoContext) {
    if (rc.repo.isEmpty) return [];
    const path = this.repos.path(rc.owner.name, rc.repo.name);
    return listFilesUnder(path, rc.repo.defaultBranch, [...TEMPLATE_DIRS, ...SINGLE_FILES]);
  }

  private async read(rc: RepoContext, oid: string): Promise<string | null> {
    const object = await readObject(this.repos.path(rc.owner.name, rc.repo.name), oid);
    return object && object.type === 'blob' ? object.content.toString('utf8') : null;
  }
}

const asString = (v: unknown) => (typeof v === 'string' ? v : '');

function labelsOf(v: unknown): string[] {
  if (Array.isArray(v)) return v.map((x) => String(x).trim()).filter(Boolean);
  if (typeof v === 'string') return v.split(',').map((x) => x.trim()).filter(Boolean);
  return [];
}

/** A Markdown template (YAML front matter, then the body) or a YAML issue form; null when invalid. */
export function parseTemplate(path: string, text: string): IssueTemplate | null {
  const fileName = path.slice(path.lastIndexOf('/') + 1);
  try {
    if (/\.md$/i.test(path)) {
      const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
      const meta = (match ? parseYaml(match[1]!) : {}) as Record<string, unknown> | null;
      const name = asString(meta?.name);
      const about = asString(meta?.about);
      if (!name || !about) return null;
      return { name, about, title: asString(meta?.title), labels: labelsOf(meta?.labels), ref: asString(meta?.ref), content: match ? match[2]! : text, body: [], fileName };
    }
    const form = parseYaml(text) as Record<string, unknown> | null;
    const name = asString(form?.name);
    const about = asString(form?.description ?? form?.about);
    const body = Array.isArray(form?.body) ? (form!.body as Record<string, unknown>[]) : [];
    if (!name || !about || body.length === 0 || body.some((field) => typeof field?.type !== 'string')) return null;
    return { name, about, title: asString(form?.title), labels: labelsOf(form?.labels), ref: asString(form?.ref), content: '', body, fileName };
  } catch {
    return null;
  }
}

/** Gitea's config.yaml: blank_issues_enabled and contact_links; throws with the reason when invalid. */
export function parseConfig(text: string): IssueConfig {
  const raw = (parseYaml(text) ?? {}) as Record<string, unknown>;
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error('the configuration is not a mapping');
  const blank = raw.blank_issues_enabled ?? true;
  if (typeof blank !== 'boolean') throw new Error('blank_issues_enabled must be true or false');
  const links = raw.contact_links ?? [];
  if (!Array.isArray(links)) throw new Error('contact_links must be a list');
  return {
    blankIssuesEnabled: blank,
    contactLinks: links.map((link: Record<string, unknown>, i) => {
      const name = asString(link?.name);
      const url = asString(link?.url);
      if (!name) throw new Error(`contact_links[${i}]: a name is required`);
      if (!/^https?:\/\//.test(url)) throw new Error(`contact_links[${i}]: the url must be http or https`);
      return { name, url, about: asString(link?.about) };
    }),
  };
}
