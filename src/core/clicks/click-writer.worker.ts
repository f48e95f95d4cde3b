// @internal: only core/clicks imports this file.
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../../db/index.ts';
import { type ClickBatch, clickRows } from './click-batch.ts';
import type { ClickWriterOptions, ClickWriterReply } from './click-writer-thread.ts';
import { openCountryLookup } from './geoip.ts';
import { type ClickEnricher, insertClicks } from './insert-clicks.ts';

// The click writer's thread (see click-writer-thread.ts): batches in, one reply per batch.
const options = workerData as ClickWriterOptions;
const port = parentPort!;
const setup = (async () => {
  // Named, so pg_stat_activity tells the click writer's connection from the pool's.
  const url = new URL(options.databaseUrl);
  url.searchParams.set('application_name', 'affluent-click-writer');
  const database = await openDatabase({ databaseUrl: url.toString(), poolMax: 1 });
  const country = await openCountryLookup(options.geoipFile);
  return { database, sink: { db: database.db, copyIn: database.copyIn }, country };
})();

async function handle(message: { id: number; batch: ClickBatch } | 'close'): Promise<void> {
  if (message === 'close') {
    await (await setup).database.close().catch(() => {});
    port.close();
    return;
  }
  // Counts this batch's refused rows only: the main thread adds them up.
  const enrich: ClickEnricher = { ipMode: options.ipMode, country: null, rejected: 0 };
  let reply: ClickWriterReply;
  try {
    const { sink, country } = await setup;
    enrich.country = country;
    await insertClicks(sink, clickRows(message.batch), enrich);
    reply = { id: message.id, rejected: enrich.rejected };
  } catch (error) {
    reply = { id: message.id, rejected: enrich.rejected, error: String((error as Error)?.message ?? error) };
  }
  port.postMessage(reply);
}

// One message at a time, in order: `close` waits for the batch before it.
let chain = Promise.resolve();
port.on('message', (message) => {
  chain = chain.then(() => handle(message));
});
