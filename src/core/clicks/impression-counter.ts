// @internal: only core/clicks imports this file.
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';

const HOUR = 3_600_000;

/**
 * Impressions are summed in memory per promo and hour, and added to promo_impressions in one
 * upsert per flush. Memory is bounded by promos x hours waiting, so nothing needs dropping; a
 * failed write keeps its counts for the next one.
 */
export class ImpressionCounter {
  #counts = new Map<number, Map<number, number>>();
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> | null = null;
  #db: Db;
  #intervalMs: number;
  stats = { counted: 0, flushed: 0, flush_failures: 0 };

  constructor(db: Db, intervalMs: number) {
    this.#db = db;
    this.#intervalMs = intervalMs;
  }

  count(promoId: number, at = Date.now()): void {
    const hour = at - (at % HOUR);
    this.#add(hour, promoId, 1);
    this.stats.counted++;
  }

  get pending(): number {
    let n = 0;
    for (const perPromo of this.#counts.values()) for (const c of perPromo.values()) n += c;
    return n;
  }

  start(): void {
    this.#timer ??= setInterval(() => void this.flush(), Math.max(this.#intervalMs, 200));
    this.#timer.unref();
  }

  flush(): Promise<void> {
    if (this.#flushing) return this.#flushing;
    if (this.#counts.size === 0) return Promise.resolve();
    const counts = this.#counts;
    this.#counts = new Map();
    this.#flushing = this.#write(counts).finally(() => {
      this.#flushing = null;
    });
    return this.#flushing;
  }

  async #write(counts: Map<number, Map<number, number>>): Promise<void> {
    const promo: number[] = [];
    const hour: string[] = [];
    const n: string[] = [];
    let total = 0;
    for (const [h, perPromo] of counts) {
      for (const [id, c] of perPromo) {
        promo.push(id);
        hour.push(new Date(h).toISOString());
        n.push(String(c));
        total += c;
      }
    }
    try {
      await sql`
        insert into promo_impressions (promo_id, hour, impressions)
        select * from unnest(${promo}::int[], ${hour}::timestamptz[], ${n}::bigint[])
        on conflict (promo_id, hour)
        do update set impressions = promo_impressions.impressions + excluded.impressions`.execute(this.#db);
      this.stats.flushed += total;
    } catch {
      this.stats.flush_failures++;
      for (const [h, perPromo] of counts) for (const [id, c] of perPromo) this.#add(h, id, c);
    }
  }

  #add(hour: number, promoId: number, n: number): void {
    let perPromo = this.#counts.get(hour);
    if (!perPromo) {
      perPromo = new Map();
      this.#counts.set(hour, perPromo);
    }
    perPromo.set(promoId, (perPromo.get(promoId) ?? 0) + n);
  }

  async drain(deadline: number): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    while (Date.now() < deadline) {
      await this.flush();
      if (this.#counts.size === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
