import type { Config } from '../../config.ts';
import type { Database } from '../../db/index.ts';
import type { Unlisten } from '../../db/listen.ts';
import { BatchWriter } from './batch-writer.ts';
import { ClickBatch, clickRows } from './click-batch.ts';
import { ClickWriterThread } from './click-writer-thread.ts';
import { openCountryLookup } from './geoip.ts';
import { ImpressionCounter } from './impression-counter.ts';
import { type ClickEnricher, insertClicks } from './insert-clicks.ts';
import { PromoCache } from './promo-cache.ts';
import type { RouteChange } from './promo-routes.ts';
import { onRoutesChanged } from './routes-changed.ts';

/** Where the click path reports, once per promo, clicks it could not send to the landing. */
export interface TrackingLog {
  warn(details: Record<string, unknown>, message: string): void;
}

const CHANNEL = 'affluent_tracking';
const TABLES = new Set<string>(['promos', 'destination_links', 'campaigns', 'brands', 'affiliates']);

/**
 * Everything the click path uses, none of which waits for the database: the promo cache, the
 * click queue and the impression counters, with their start (warm the cache, listen for
 * changes, start flushing) and their stop (write out everything queued).
 */
export class TrackingRuntime {
  readonly config: Config;
  readonly cache: PromoCache;
  readonly clicks: BatchWriter<ClickBatch>;
  readonly impressions: ImpressionCounter;
  readonly counters = {
    answered: 0,
    unknown: 0,
    disabled: 0,
    invalid_link: 0,
    failed: 0,
    impressions_unknown: 0,
  };
  /** Set by the app to its logger; none in tests unless a test sets one. */
  log: TrackingLog | null = null;
  #database: Database;
  #enrich: ClickEnricher;
  #unlisten: Unlisten | null = null;
  #resync: NodeJS.Timeout | undefined;
  #heard = new Map<string, RouteChange>();
  #heardTimer: NodeJS.Timeout | undefined;
  #thread: ClickWriterThread | null = null;

  constructor(config: Config, database: Database) {
    this.config = config;
    this.#database = database;
    const t = config.tracking;
    this.#enrich = { ipMode: t.ipMode, country: null, rejected: 0 };
    this.cache = new PromoCache(database.db);
    onRoutesChanged(database.db, (changes) => this.cache.reload(changes));
    // On PostgreSQL batches are worked out and written by a worker thread: that work, and
    // waking up for PostgreSQL's replies, would otherwise take the redirect's thread (measured
    // with bench/redirect.ts: the main thread's time per click drops by about a fifth). The
    // embedded database lives on this thread, so there it is done here.
    const thread = database.url
      ? new ClickWriterThread({ databaseUrl: database.url, ipMode: t.ipMode, geoipFile: t.geoipFile })
      : null;
    this.#thread = thread;
    this.clicks = new BatchWriter<ClickBatch>({
      max: t.bufferMax,
      batch: t.flushBatch,
      intervalMs: t.flushIntervalMs,
      create: (capacity) => new ClickBatch(capacity),
      write: thread
        ? async (batch) => {
            this.#enrich.rejected += await thread.write(batch);
          }
        : (batch) => insertClicks({ db: database.db }, clickRows(batch), this.#enrich),
    });
    this.impressions = new ImpressionCounter(database.db, t.flushIntervalMs);
  }

  async start(): Promise<void> {
    const t = this.config.tracking;
    // Opened here even when the writer thread looks countries up (it opens its own): a bad file
    // stops the start instead of failing every batch later.
    const country = await openCountryLookup(t.geoipFile);
    if (!this.#thread) this.#enrich.country = country;
    // Listen before loading, so no change between the load and the LISTEN goes unheard.
    this.#unlisten = await this.#database.listen(CHANNEL, {
      onPayload: (payload) => this.#hear(payload),
      onReconnect: () => void this.cache.warm().catch(() => {}),
    });
    try {
      await this.cache.warm();
    } catch (error) {
      // An unmigrated database (tools that only build the app, e.g. client:generate) has no
      // promos yet: start empty; the periodic resync loads them once the tables exist.
      if ((error as { code?: string }).code !== '42P01') throw error;
    }
    this.clicks.start();
    this.impressions.start();
    if (t.cacheResyncSeconds > 0) {
      this.#resync = setInterval(() => void this.cache.warm().catch(() => {}), t.cacheResyncSeconds * 1000);
      this.#resync.unref();
    }
  }

  /** Reloads what a change touched before the caller answers, so its next click sees it. */
  changed(...changes: RouteChange[]): Promise<void> {
    return this.cache.reload(changes);
  }

  /** Changes other processes (or triggers) announced; gathered for a few ms, then reloaded. */
  #hear(payload: string): void {
    const [table, id] = payload.split(':');
    if (!table || !TABLES.has(table) || !/^\d+$/.test(id ?? '')) return;
    this.#heard.set(payload, { table: table as RouteChange['table'], id: Number(id) });
    this.#heardTimer ??= setTimeout(() => {
      this.#heardTimer = undefined;
      const changes = [...this.#heard.values()];
      this.#heard.clear();
      void this.cache.reload(changes).catch(() => {});
    }, 5);
  }

  /** Stops listening and writes out every queued click and impression, within the deadline. */
  async stop(deadline: number): Promise<{ clicksLost: number }> {
    clearInterval(this.#resync);
    clearTimeout(this.#heardTimer);
    await this.#unlisten?.().catch(() => {});
    this.#unlisten = null;
    const [clicksLost] = await Promise.all([this.clicks.drain(deadline), this.impressions.drain(deadline)]);
    await this.#thread?.close();
    return { clicksLost };
  }

  metrics() {
    return {
      redirects: { ...this.counters },
      clicks: { ...this.clicks.snapshot(), rejected: this.#enrich.rejected },
      impressions: { ...this.impressions.stats, pending: this.impressions.pending },
      cache: { promos: this.cache.size, loaded_at: this.cache.loadedAt, reloads: this.cache.reloads },
    };
  }
}
