
export interface Job {
  name: string;
  run(): Promise<unknown>;
}

/**
 * Runs periodic work (mirror syncs) in the web process. What is due lives in the database
 * (next_update_unix columns), so a restart loses nothing; ticks never overlap.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;

  constructor(
    private readonly jobs: Job[],
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
    this.current ??= (async () => {
      for (const job of this.jobs) {
        try {
          await job.run();
        } catch (err) {
          this.onError(job.name, err);
        }
      }
    })().finally(() => {
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
