import { invalid } from './errors.js';

// Gitea's rules for user and organization names: they share one namespace and become URL segments.
const RESERVED = new Set([
  '.', '..', '.well-known', 'admin', 'api', 'assets', 'attachments', 'avatar', 'avatars', 'captcha', 'commits',
  'debug', 'error', 'explore', 'favicon.ico', 'ghost', 'issues', 'login', 'manifest.json', 'metrics',
  'milestones', 'new', 'notifications', 'org', 'pulls', 'raw', 'repo', 'repo-avatars', 'robots.txt', 'search',
  'serviceworker.js', 'ssh_info', 'swagger.v1.json', 'user', 'v2', 'gitea-actions',
]);
const RESERVED_SUFFIXES = ['.keys', '.gpg', '.rss', '.atom', '.png'];
const VALID = /^[\da-zA-Z][\w.-]*$/;
const CONSECUTIVE_OR_TRAILING_SPECIAL = /[-._]{2,}|[-._]$/;
export const MAX_NAME_LENGTH = 40;

export function assertValidUserName(name: string): void {
  const lower = name.toLowerCase();
  if (RESERVED.has(lower)) throw invalid(`name is reserved [name: ${name}]`);
  const suffix = RESERVED_SUFFIXES.find((s) => lower.endsWith(s));
  if (suffix) throw invalid(`name pattern is not allowed [pattern: *${suffix}]`);
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) {
    throw invalid(`name must be between 1 and ${MAX_NAME_LENGTH} characters [name: ${name}]`);
  }
  if (!VALID.test(name) || CONSECUTIVE_OR_TRAILING_SPECIAL.test(name)) {
    throw invalid(
      `name is invalid [${name}]: must be valid alpha or numeric or dash(-_) or dot characters, without consecutive or trailing dashes, underscores or dots`,
    );
  }
}

const EMAIL = /^[^\s@<>"',;]+@[^\s@<>"',;]+\.?[^\s@<>"',;]*$/;

export function assertValidEmail(email: string): void {
  if (email.length > 255 || !EMAIL.test(email)) throw invalid(`e-mail invalid [email: ${email}]`);
}
