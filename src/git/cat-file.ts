import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawnGit } from './command.js';

export interface GitObject {
  oid: string;
  type: 'blob' | 'tree' | 'commit' | 'tag';
  size: number;
  content: Buffer;
}

interface Pending {
  resolve(object: GitObject | null): void;
  reject(err: Error): void;
}

/**
 * One long-lived `git cat-file --batch` process per repository: objects are read by writing their
 * names to its stdin, one request at a time in order, without starting git per object.
 */
class BatchReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly queue: Pending[] = [];
  private buffer: Buffer = Buffer.alloc(0);
  private closed = false;
  lastUsed = Date.now();

  constructor(repoPath: string, onExit: () => void) {
    this.child = spawnGit(['cat-file', '--batch'], { cwd: repoPath });
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
      this.drain();
    });
    this.child.stderr.resume();
    this.child.once('close', () => {
      this.closed = true;
      for (const p of this.queue.splice(0)) p.reject(new Error('git cat-file exited'));
      onExit();
    });
    this.child.stdin.on('error', () => {}); // reported through 'close'
  }

  read(name: string): Promise<GitObject | null> {
    if (this.closed) return Promise.reject(new Error('git cat-file is closed'));
    this.lastUsed = Date.now();
    return new Promise((resolve, reject) => {
      this.queue.push({ resolve, reject });
      this.child.stdin.write(`${name}\n`);
    });
  }

  close(): void {
    if (!this.closed) this.child.stdin.end();
  }

  // Answers are "<oid> <type> <size>\n<content>\n" or "<name> missing\n" (or "ambiguous").
  private drain(): void {
    while (this.queue.length) {
      const newline = this.buffer.indexOf(10);
      if (newline < 0) return;
      const header = this.buffer.subarray(0, newline).toString();
      const parts = header.split(' ');
      if (parts.length !== 3) {
        this.buffer = this.buffer.subarray(newline + 1);
        this.queue.shift()!.resolve(null);
        continue;
      }
      const size = Number(parts[2]);
      const end = newline + 1 + size;
      if (this.buffer.length < end + 1) return;
      const content = Buffer.from(this.buffer.subarray(newline + 1, end));
      this.buffer = this.buffer.subarray(end + 1);
      this.queue.shift()!.resolve({ oid: parts[0]!, type: parts[1] as GitObject['type'], size, content });
    }
  }
}

const IDLE_MS = 60_000;
const readers = new Map<string, BatchReader>();
let sweeper: NodeJS.Timeout | null = null;

/** Reads one object (any name git understands, e.g. "<commit>:<path>") through the repository's batch process. */
export function readObject(repoPath: string, name: string): Promise<GitObject | null> {
  if (name.includes('\n')) return Promise.resolve(null);
  let reader = readers.get(repoPath);
  if (!reader) {
    reader = new BatchReader(repoPath, () => {
      if (readers.get(repoPath) === reader) readers.delete(repoPath);
    });
    readers.set(repoPath, reader);
    sweeper ??= setInterval(sweepIdle, IDLE_MS).unref();
  }
  return reader.read(name);
}

function sweepIdle(): void {
  const now = Date.now();
  for (const [path, reader] of readers) {
    if (now - reader.lastUsed > IDLE_MS) {
      readers.delete(path);
      reader.close();
    }
  }
}

/** Stops the batch process of one repository (before it is deleted or moved), or of all. */
export function closeReaders(repoPath?: string): void {
  for (const [path, reader] of readers) {
    if (repoPath === undefined || path === repoPath) {
      readers.delete(path);
      reader.close();
    }
  }
}
