// @internal: only core/clicks imports this file.
import type { Db } from '../../db/index.ts';
import { loadRoutes, type PromoRoute, type RouteChange, routeMatches } from './promo-routes.ts';

/**
 * Every tracking code in memory, so a click never waits for the database. Loaded whole at start
 * and periodically, and reloaded piecewise when a promo, link, campaign, brand or affiliate
 * changes. Loads run one after another, so a later load always lands after an earlier one.
 */
export class PromoCache {
  #routes = new Map<string, PromoRoute>();
  #chain: Promise<unknown> = Promise.resolve();
  #db: Db;
  loadedAt: Date | null = null;
  reloads = 0;

  constructor(db: Db) {
    this.#db = db;
  }

  get(code: string): PromoRoute | undefined {
    return this.#routes.get(code) ?? this.#routes.get(code.toLowerCase());
  }

  get size(): number {
    return this.#routes.size;
  }

  /** Replaces the whole cache with what the database holds now. */
  warm(): Promise<void> {
    return this.#serial(async () => {
      const routes = await loadRoutes(this.#db);
      this.#routes = new Map(routes.map((r) => [r.code, r]));
      this.loadedAt = new Date();
    });
  }

  /** Reloads the routes the changes touch; routes no longer in the database are dropped. */
  reload(changes: RouteChange[]): Promise<void> {
    return this.#serial(async () => {
      for (const change of changes) {
        const fresh = await loadRoutes(this.#db, change);
        const seen = new Set(fresh.map((r) => r.code));
        for (const [code, route] of this.#routes) {
          if (!seen.has(code) && routeMatches(route, change)) this.#routes.delete(code);
        }
        for (const route of fresh) this.#routes.set(route.code, route);
        this.reloads++;
      }
    });
  }

  #serial(task: () => Promise<void>): Promise<void> {
    const run = this.#chain.then(task, task);
    this.#chain = run.catch(() => {});
    return run;
  }
}
