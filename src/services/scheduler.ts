
export interface Job {
  name: string;
  /** How often it runs on its own. */
  everyMs: number;
  run(): Promise<unknown>;
}

export interface JobState {
  name: string;
  everyMs: number;
  prevUnix: number;
  nextUnix: number;
  execTimes: number;
}

/** The periodic tasks (Gitea's cron), run on their schedule by the web process or on demand by admins. */
export class Cron {
  private readonly states = new Map<string, JobState>();
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly jobs: Job[],
    private readonly onError: (what: string, err: unknown) => void,
  ) {
    const now = Math.floor(Date.now() / 1000);
    for (const job of jobs) this.states.set(job.name, { name: job.name, everyMs: job.everyMs, prevUnix: 0, nextUnix: now + Math.round(job.everyMs / 1000), execTimes: 0 });
  }

  list(): JobState[] {
    return [...this.states.values()];
  }

  has(name: string): boolean {
    return this.states.has(name);
  }

  /** Runs a task now; a run already under way is joined, not doubled. */
  run(name: string): Promise<void> {
    const job = this.jobs.find((j) => j.name === name);
    if (!job) return Promise.resolve();
    let current = this.running.get(name);
    if (!current) {
      current = job
        .run()
        .then(() => undefined)
        .catch((err: unknown) => this.onError(name, err))
        .finally(() => {
          const state = this.states.get(name)!;
          const now = Math.floor(Date.now() / 1000);
          Object.assign(state, { prevUnix: now, nextUnix: now + Math.round(job.everyMs / 1000), execTimes: state.execTimes + 1 });
          this.running.delete(name);
        });
      this.running.set(name, current);
    }
    return current;
  }

  /** Runs whatever is due; returns once those runs are over. */
  async runDue(): Promise<void> {
    const now = Math.floor(Date.now() / 1000);
    await Promise.all(this.list().filter((s) => s.nextUnix <= now).map((s) => this.run(s.name)));
  }

  async idle(): Promise<void> {
    await Promise.all(this.running.values());
  }
}

/** Ticks the cron in the web process; ticks never overlap. */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;

  constructor(
    private readonly cron: Cron,
    private readonly tickMs: number,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.tickMs);
    void this.tick();
  }

  tick(): Promise<void> {
    this.current ??= this.cron.runDue().finally(() => {
      this.current = null;
    });
    return this.current;
  }

  /** Stops ticking and waits for work in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.current;
    await this.cron.idle();
  }
}
