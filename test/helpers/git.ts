import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectOutput, type ProcessResult } from './process.js';

export type GitResult = ProcessResult;

/** A scratch directory for clones, with a git that reads no user or system configuration. */
export interface GitSandbox {
  dir: string;
  git(args: string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string }): Promise<GitResult>;
  dispose(): Promise<void>;
}

export async function gitSandbox(): Promise<GitSandbox> {
  const dir = await mkdtemp(join(tmpdir(), 'samovar-git-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: dir,
    XDG_CONFIG_HOME: dir,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    GIT_AUTHOR_NAME: 'Test Author',
    GIT_AUTHOR_EMAIL: 'author@example.com',
    GIT_COMMITTER_NAME: 'Test Committer',
    GIT_COMMITTER_EMAIL: 'committer@example.com',
  };
  return {
    dir,
    git(args, options = {}) {
      const child = spawn('git', args, { cwd: options.cwd ?? dir, env: { ...env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
      child.stdin.on('error', () => {}); // git may exit before reading its input
      child.stdin.end(options.input ?? '');
      return collectOutput(child);
    },
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}

/** The clone URL with credentials in it, as a user would paste it. */
export function authUrl(cloneUrl: string, user: string, secret: string): string {
  const url = new URL(cloneUrl);
  url.username = encodeURIComponent(user);
  url.password = encodeURIComponent(secret);
  return url.toString();
}
