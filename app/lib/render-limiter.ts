/**
 * At most `concurrency` page renders at once in this process, the next `queueLimit` waiting in
 * line, anything beyond refused at once. A render costs a database round of aggregates and
 * hundreds of kB of HTML; a flood of distinct URLs must wait its turn rather than take the CPU
 * and the database from everyone else (pages answered from the cache never come here).
 */
export type Release = () => void;

export class RenderLimiter {
  private running = 0;
  private waiting: ((release: Release) => void)[] = [];

  constructor(
    readonly concurrency: number,
    readonly queueLimit: number,
  ) {}

  get state(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /** A slot (call the release once the render is over), or null when the line is full. */
  acquire(): Promise<Release> | null {
    if (this.running < this.concurrency) {
      this.running++;
      return Promise.resolve(this.releaser());
    }
    if (this.waiting.length >= this.queueLimit) return null;
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next in line, so `running` stays the same.
      if (next) next(this.releaser());
      else this.running--;
    };
  }
}

/** Limits from HYOKA_RENDER_CONCURRENCY / HYOKA_RENDER_QUEUE (defaults 2 and 32: two cores). */
export function renderLimitsFromEnv(env: Record<string, string | undefined>): { concurrency: number; queueLimit: number } {
  const read = (value: string | undefined, fallback: number, min: number) => {
    const n = Number(value);
    return value !== undefined && value.trim() !== '' && Number.isInteger(n) && n >= min ? n : fallback;
  };
  return { concurrency: read(env.HYOKA_RENDER_CONCURRENCY, 2, 1), queueLimit: read(env.HYOKA_RENDER_QUEUE, 32, 0) };
}
