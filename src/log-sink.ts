import { writeSync } from 'node:fs';

export interface LogSinkOptions {
  /** Write as soon as this many bytes wait. */
  flushBytes?: number;
  /** Write lines that waited this long, however few. */
  flushMs?: number;
  /** Lines arriving while this many bytes wait (the descriptor refuses them) are dropped and counted. */
  maxBytes?: number;
}

/**
 * Where the logger writes: lines are gathered and written to a file descriptor in one write per
 * batch, at most `flushMs` after the first of them, instead of one write per line (a line per
 * request at LEVEL=info). Writes are synchronous, like Node's own stdout on files and pipes, so
 * lines keep their order and what waits is written even from an 'exit' handler (pino's
 * asynchronous destination could lose the lines in flight when the process exited). Memory is
 * bounded by `maxBytes`. `flush()` writes what waits, at once.
 */
export class LogSink {
  private pending: string[] = [];
  /** Bytes a refused write left over, written before the lines that wait. */
  private leftover: Buffer | null = null;
  private pendingBytes = 0;
  private dropped = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly flushBytes: number;
  private readonly flushMs: number;
  private readonly maxBytes: number;

  constructor(
    private readonly fd: number,
    options: LogSinkOptions = {},
  ) {
    this.flushBytes = options.flushBytes ?? 64 * 1024;
    this.flushMs = options.flushMs ?? 50;
    this.maxBytes = options.maxBytes ?? 16 * 1024 * 1024;
  }

  write(line: string): boolean {
    if (this.pendingBytes >= this.maxBytes) {
      this.dropped++;
      return false;
    }
    this.pending.push(line);
    this.pendingBytes += line.length;
    if (this.pendingBytes >= this.flushBytes) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.flushMs).unref();
    return true;
  }

  /** Writes every waiting line now; pino calls it from `logger.flush()`. */
  flush(done?: (err?: Error) => void): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.dropped > 0) {
      this.pending.push(`{"level":40,"time":${Date.now()},"msg":"${this.dropped} log lines dropped: the log output did not take them"}\n`);
      this.dropped = 0;
    }
    if (this.pending.length === 0 && !this.leftover) return done?.();
    const lines = Buffer.from(this.pending.join(''));
    const data = this.leftover ? Buffer.concat([this.leftover, lines]) : lines;
    this.pending = [];
    this.pendingBytes = 0;
    this.leftover = null;
    let written = 0;
    try {
      while (written < data.length) written += writeSync(this.fd, data, written);
      done?.();
    } catch (err) {
      // A full non-blocking pipe: keep the rest and try again later. Anything else: the output is gone.
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') {
        this.leftover = data.subarray(written);
        this.pendingBytes = this.leftover.length;
        this.timer = setTimeout(() => this.flush(), this.flushMs).unref();
      }
      done?.(err as Error);
    }
  }
}
