import type { MigrationService } from './migrations.js';

/**
 * Runs periodic work (mirror syncs) in the web process. What is due lives in the database
 * (mirrors.next_update_unix), so a restart loses nothing; ticks never overlap.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;

  constructor(
    private readonly migrations: MigrationService,
    private readonly everyMs: number,
    private readonly onError: (what: string, err: unknown) => void,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.everyMs);
    void this.tick();
  }

  /** One round of due work; returns at once if a round is still running. */
  tick(): Promise<void> {
    this.current ??= this.migrations
      .syncDue((repoId, err) => this.onError(`mirror sync of repository ${repoId}`, err))
      .then(() => undefined)
      .catch((err: unknown) => this.onError('mirror scheduler', err))
      .finally(() => {
        this.current = null;
      });
    return this.current;
  }

  /** Stops ticking and waits for a round in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.current;
  }
}
