import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync } from 'node:fs';

export class GitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(message);
  }
}

// Git must not read the host user's or system configuration, nor ever prompt.
let gitEnv: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_NOSYSTEM: '1' };

/** Gives git a home of its own (for its global config) under the data directory. */
export function configureGit(options: { home: string }): void {
  mkdirSync(options.home, { recursive: true });
  gitEnv = { ...gitEnv, HOME: options.home, XDG_CONFIG_HOME: options.home };
}

export interface RunOptions {
  cwd?: string;
  input?: string | Buffer;
  env?: NodeJS.ProcessEnv;
  /** Output beyond this many bytes fails the command: small reads only, streams use spawnGit. */
  maxOutput?: number;
  /** Kills git after this long (network operations). */
  timeoutMs?: number;
}

const DEFAULT_MAX_OUTPUT = 64 * 1024 * 1024;

/** Runs git to completion and returns its standard output; non-zero exits reject with GitError. */
export function runGit(args: readonly string[], options: RunOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(args, options);
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    const limit = options.maxOutput ?? DEFAULT_MAX_OUTPUT;
    const timer = options.timeoutMs
      ? setTimeout(() => {
          child.kill('SIGKILL');
          reject(new GitError(`git ${args[0]} took longer than ${Math.round(options.timeoutMs! / 1000)}s and was stopped`, null, ''));
        }, options.timeoutMs)
      : null;
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        child.kill('SIGKILL');
        reject(new GitError(`git ${args[0]}: output larger than ${limit} bytes`, null, ''));
        return;
      }
      chunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 64 * 1024) stderr += chunk.toString();
    });
    child.once('error', (err) => reject(new GitError(`git could not be started: ${err.message}`, null, '')));
    child.once('close', (code) => {
      if (timer) clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(chunks));
      else reject(new GitError(`git ${args[0]} failed (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`, code, stderr));
    });
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
  });
}

/** Starts git with pipes on all three streams, for callers that stream. */
export function spawnGit(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): ChildProcessWithoutNullStreams {
  return spawn('git', args, { cwd: options.cwd, env: { ...gitEnv, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
}
