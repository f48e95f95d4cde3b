import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../../src/core/actor.ts';
import { importEvents } from '../../src/core/events/imports/import-events.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import { countRows, insertClick, seedBrand, uid } from './helpers.ts';

let t: TestApp;
let admin: string;
let events: string;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.apiKey(['admin']);
  events = await t.apiKey(['events']);
});
afterAll(() => t.close());

const DAY = 86_400_000;
const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString();

const upload = (csv: string | Buffer, headers: Record<string, string> = {}) =>
  t.call(events, {
    method: 'POST',
    url: '/api/v1/events/imports',
    payload: csv,
    headers: { 'content-type': 'text/csv', ...headers },
  });
const progress = async (id: number, query = '') =>
  (await t.call(events, { method: 'GET', url: `/api/v1/events/imports/${id}${query}` })).json();
const importCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('event_imports')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** A file of good, bad and duplicate rows, with a quoted cell over two lines. */
async function mixedFile() {
  const s = await seedBrand(t, admin);
  const click = await insertClick(t, s.promo, new Date(Date.now() - 10 * DAY));
  const b = s.brand.id;
  const p1 = uid('p1');
  const p2 = uid('p2');
  const p3 = uid('p3');
  const ids = { reg: uid('r'), dep: uid('d'), act: uid('a'), reg2: uid('r') };
  // Computed once: line 6 repeats line 3 to the millisecond (two at(4) calls can differ by 1 ms).
  const depAt = at(4);
  const lines = [
    'type,event_id,brand_id,customer_id,occurred_at,amount,currency,click_id,activity.bets,activity.wins,metadata.source',
    `registration,${ids.reg},${b},${p1},${at(5)},,,${click},,,old-platform`, // 2 created
    `deposit,${ids.dep},${b},${p1},${depAt},5000,EUR,,,,`, // 3 created (the FTD)
    `deposit,${uid('d')},${b},${p1},${at(4)},10.50,EUR,,,,`, // 4 rejected: a decimal amount
    `activity,${ids.act},${b},${p1},${at(3)},,eur,,12000,9000,`, // 5 created
    `deposit,${ids.dep},${b},${p1},${depAt},5000,EUR,,,,`, // 6 duplicate of line 3
    `"deposit","${uid('d')}",${b},"${p2} ""quoted""",${at(2)},abc,XXX,,,,`, // 7 rejected: amount, currency
    `refund,${uid('f')},${b},${p1},${at(1)},100,EUR,,,,`, // 8 rejected: no original_event_id
    `registration,${ids.reg2},${b},${p3},${at(1)},,,,,,"line one`, // 9-10 created
    'line two"',
    `deposit,${ids.dep},${b},${p1},${depAt},5001,EUR,,,,`, // 11 conflict with line 3
  ];
  return { s, click, p1, p3, ids, csv: `${lines.join('\n')}\n` };
}

describe('POST /api/v1/events/imports', () => {
  it('records good rows, answers bad ones by line and field, and a second import of the file records nothing new', async () => {
    const { s, click, p1, p3, ids, csv } = await mixedFile();
    const before = await countRows(t);
    const res = await upload(csv);
    expect(res.statusCode, res.body).toBe(202);
    const queued = res.json();
    expect(res.headers.location).toBe(`/api/v1/events/imports/${queued.id}`);
    expect(queued).toMatchObject({ status: 'queued', rows_done: 0, rows_per_s: null, rejections: [] });
    // Nothing is recorded before the job runs.
    expect(await countRows(t)).toEqual(before);

    await t.jobs.runUntilIdle();
    const done = await progress(queued.id);
    expect(done).toMatchObject({
      status: 'done',
      rows_done: 9,
      created: 4,
      duplicates: 1,
      rejected: 4,
      error: null,
      created_by: { type: 'api_key' },
    });
    expect(done.rows_per_s).toBeGreaterThan(0);
    expect(done.rejections.map((r: { line: number }) => r.line)).toEqual([4, 7, 8, 11]);
    const [decimal, twoBad, refund, conflict] = done.rejections;
    expect(decimal.fields).toEqual([
      {
        path: 'amount',
        message: 'must be a whole number of minor units (cents), not a decimal: 10.50 is sent as 1050',
      },
    ]);
    expect(twoBad.fields.map((f: { path: string }) => f.path).sort()).toEqual(['amount', 'currency']);
    expect(refund.fields[0].path).toBe('original_event_id');
    expect(conflict).toMatchObject({ code: 'idempotency_conflict', event_id: ids.dep });
    expect(conflict.fields[0].path).toBe('event_id');

    // What the API would have recorded: attributed by the click, the first deposit an FTD.
    const after = await countRows(t);
    expect(after.events - before.events).toBe(4);
    expect(after.customers - before.customers).toBe(2);
    expect(after.lines - before.lines).toBe(1);
    const recorded = await t.db
      .selectFrom('events as e')
      .innerJoin('customers as c', 'c.id', 'e.customer_id')
      .select([
        'e.event_id',
        'e.type',
        'e.is_ftd',
        'e.click_id',
        'e.metadata',
        'c.external_id',
        'e.actor_type',
      ])
      .where('e.brand_id', '=', s.brand.id)
      .orderBy('e.id')
      .execute();
    expect(recorded).toEqual([
      {
        event_id: ids.reg,
        type: 'registration',
        is_ftd: false,
        click_id: click,
        metadata: { source: 'old-platform' },
        external_id: p1,
        actor_type: 'api_key',
      },
      expect.objectContaining({ event_id: ids.dep, is_ftd: true, click_id: click }),
      expect.objectContaining({ event_id: ids.act, type: 'activity' }),
      expect.objectContaining({
        event_id: ids.reg2,
        external_id: p3,
        metadata: { source: 'line one\nline two' },
      }),
    ]);
    const customer = await t.db
      .selectFrom('customers')
      .select(['affiliate_id', 'ftd_amount', 'event_count'])
      .where('brand_id', '=', s.brand.id)
      .where('external_id', '=', p1)
      .executeTakeFirstOrThrow();
    expect(customer).toEqual({ affiliate_id: s.affiliateId, ftd_amount: 5000n, event_count: 3 });

    const again = await upload(csv);
    expect(again.statusCode).toBe(202);
    await t.jobs.runUntilIdle();
    expect(await progress(again.json().id)).toMatchObject({
      status: 'done',
      rows_done: 9,
      created: 0,
      duplicates: 5,
      rejected: 4,
    });
    expect(await countRows(t)).toEqual(after);
  });

  it('pages the rejected rows by line', async () => {
    const s = await seedBrand(t, admin);
    const rows = Array.from(
      { length: 5 },
      (_, i) => `deposit,${uid('d')},${s.brand.id},${uid('p')},${at(1)},${i + 1}.5,EUR`,
    );
    const res = await upload(
      `type,event_id,brand_id,customer_id,occurred_at,amount,currency\n${rows.join('\n')}`,
    );
    await t.jobs.runUntilIdle();
    const page = await progress(res.json().id, '?page=2&page_size=2');
    expect(page.rejected).toBe(5);
    expect(page.rejections.map((r: { line: number }) => r.line)).toEqual([4, 5]);
    expect(page.rejections_paging).toEqual({ page: 2, page_size: 2, total: 5 });
  });

  it('takes a gzip-compressed file', async () => {
    const s = await seedBrand(t, admin);
    const player = uid('p');
    const csv = `type,event_id,brand_id,customer_id,occurred_at,affiliate_id\nregistration,${uid('r')},${s.brand.id},${player},${at(1)},${s.affiliateId}\n`;
    const res = await upload(gzipSync(csv), {
      'content-encoding': 'gzip',
      'content-type': 'text/csv; charset=utf-8',
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json().size_bytes).toBe(gzipSync(csv).length);
    await t.jobs.runUntilIdle();
    expect(await progress(res.json().id)).toMatchObject({ status: 'done', created: 1, rejected: 0 });
    const customer = await t.db
      .selectFrom('customers')
      .select(['affiliate_id', 'attribution_method'])
      .where('external_id', '=', player)
      .executeTakeFirstOrThrow();
    expect(customer).toEqual({ affiliate_id: s.affiliateId, attribution_method: 'affiliate_id' });
    // The file is not kept once imported.
    const stored = await t.db
      .selectFrom('event_imports')
      .select('content')
      .where('id', '=', res.json().id)
      .executeTakeFirstOrThrow();
    expect(stored.content).toBeNull();
  });

  it('takes a file larger than the 5 MiB of other API bodies', async () => {
    const s = await seedBrand(t, admin);
    const big = 'x'.repeat(6 * 1024 * 1024);
    const res = await upload(
      `type,event_id,brand_id,customer_id,occurred_at,metadata.note\nregistration,${uid('r')},${s.brand.id},${uid('p')},${at(1)},${big}\n`,
    );
    expect(res.statusCode, res.body.slice(0, 300)).toBe(202);
    await t.jobs.runUntilIdle();
    const done = await progress(res.json().id);
    expect(done).toMatchObject({ status: 'done', rows_done: 1, rejected: 1 });
    expect(done.rejections[0].fields).toEqual([{ path: 'metadata', message: 'must be at most 4 KB' }]);
  });

  it('rejects a row with a NUL character, which no text column can hold', async () => {
    const s = await seedBrand(t, admin);
    const res = await upload(
      `type,event_id,brand_id,customer_id,occurred_at\nregistration,${uid('r')},${s.brand.id},bad\u0000id,${at(1)}\n`,
    );
    expect(res.statusCode).toBe(202);
    await t.jobs.runUntilIdle();
    const done = await progress(res.json().id);
    expect(done).toMatchObject({ status: 'done', created: 0, rejected: 1 });
    expect(done.rejections[0]).toMatchObject({
      line: 2,
      fields: [{ path: 'customer_id', message: 'must not contain NUL characters' }],
    });
  });

  it('refuses a header naming what is no event field, and one missing a required column, before anything', async () => {
    const before = await importCount();
    const res = await upload(
      'type,event_id,brand,customer_id,activity,products.casino.spins,activity.bets\n',
    );
    expect(res.statusCode).toBe(422);
    const fields = res.json().error.details.fields;
    expect(fields).toEqual([
      { path: 'columns.brand', message: 'is not a field of an event' },
      {
        path: 'columns.activity',
        message: 'is not a column: name its parts, e.g. activity.bets',
      },
      {
        path: 'columns.products.casino.spins',
        message: expect.stringMatching(/^is not an activity figure/),
      },
      { path: 'columns.brand_id', message: 'is required' },
      { path: 'columns.occurred_at', message: 'is required' },
    ]);
    expect(await importCount()).toBe(before);
    expect(await t.jobs.runUntilIdle()).toBe(0);
  });

  it('refuses an empty body, a body that is not CSV, and an unknown encoding', async () => {
    const before = await importCount();
    const empty = await upload('');
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.details.fields[0].path).toBe('body');
    const json = await t.call(events, {
      method: 'POST',
      url: '/api/v1/events/imports',
      payload: { type: 'registration' },
    });
    expect(json.statusCode).toBe(415);
    const brotli = await upload('type\n', { 'content-encoding': 'br' });
    expect(brotli.statusCode).toBe(415);
    const notGzip = await upload('type,event_id\n', { 'content-encoding': 'gzip' });
    expect(notGzip.statusCode).toBe(422);
    expect(await importCount()).toBe(before);
  });

  it('stops at a line that is no longer CSV, keeping the rows before it', async () => {
    const s = await seedBrand(t, admin);
    const good = uid('p');
    const csv = [
      'type,event_id,brand_id,customer_id,occurred_at',
      `registration,${uid('r')},${s.brand.id},${good},${at(1)}`,
      `registration,${uid('r')},${s.brand.id},"broken"quote,${at(1)}`,
      `registration,${uid('r')},${s.brand.id},${uid('p')},${at(1)}`,
    ].join('\n');
    const res = await upload(csv);
    await t.jobs.runUntilIdle();
    const failed = await progress(res.json().id);
    expect(failed).toMatchObject({ status: 'failed', rows_done: 1, created: 1 });
    expect(failed.error).toMatch(/^line 3: cannot be read as CSV: Invalid Closing Quote/);
    const customers = await t.db
      .selectFrom('customers')
      .select('external_id')
      .where('brand_id', '=', s.brand.id)
      .execute();
    expect(customers).toEqual([{ external_id: good }]);
  });

  it('resumes a run cut short after its last committed line, counting nothing twice', async () => {
    const s = await seedBrand(t, admin);
    const players = [uid('p'), uid('p'), uid('p')];
    const csv = `type,event_id,brand_id,customer_id,occurred_at\n${players
      .map((p) => `registration,${p},${s.brand.id},${p},${at(1)}`)
      .join('\n')}`;
    const res = await upload(csv);
    const id = res.json().id;
    // As a first run that committed line 2 and died would have left it (its event is not there:
    // the resumed run must not look at line 2 again).
    await t.db
      .updateTable('event_imports')
      .set({ status: 'running', rows_done: 1, created: 1, line_done: 2, seconds_spent: 0.5 })
      .where('id', '=', id)
      .execute();
    await t.jobs.runUntilIdle();
    expect(await progress(id)).toMatchObject({ status: 'done', rows_done: 3, created: 3, rejected: 0 });
    const recorded = await t.db
      .selectFrom('customers')
      .select('external_id')
      .where('brand_id', '=', s.brand.id)
      .orderBy('id')
      .execute();
    expect(recorded.map((c) => c.external_id)).toEqual(players.slice(1));
  });
});

describe('importEvents (the CLI and the job)', () => {
  it('reports its progress batch by batch, each inside the batch’s transaction', async () => {
    const s = await seedBrand(t, admin);
    const rows = Array.from(
      { length: 5 },
      (_, i) => `registration,${uid('r')},${s.brand.id},${uid('p')},${at(1)},${i === 3 ? 'x' : ''}`,
    );
    const seen: { rows: number; rejected: number; line: number; inTransaction: boolean }[] = [];
    const result = await importEvents({
      db: t.db,
      actor: CLI,
      source: Readable.from([
        `type,event_id,brand_id,customer_id,occurred_at,affiliate_id\n${rows.join('\n')}\n`,
      ]),
      batchSize: 2,
      onBatch: async (trx, _batch, run) => {
        seen.push({
          rows: run.rows,
          rejected: run.rejected,
          line: run.line,
          inTransaction: trx.isTransaction,
        });
      },
    });
    expect(seen).toEqual([
      { rows: 2, rejected: 0, line: 3, inTransaction: true },
      { rows: 4, rejected: 1, line: 5, inTransaction: true },
      { rows: 5, rejected: 1, line: 6, inTransaction: true },
    ]);
    expect(result).toMatchObject({ rows: 5, created: 4, duplicates: 0, rejected: 1, line: 6 });
    expect(result.seconds).toBeGreaterThan(0);
  });

  it('rolls everything back in a dry run, after answering as a real run would', async () => {
    const s = await seedBrand(t, admin);
    const id = uid('r');
    const csv = `type,event_id,brand_id,customer_id,occurred_at\nregistration,${id},${s.brand.id},${uid('p')},${at(1)}\nregistration,${id},${s.brand.id},${uid('p')},${at(1)}\n`;
    const before = await countRows(t);
    const result = await importEvents({ db: t.db, actor: CLI, source: Readable.from([csv]), dryRun: true });
    // The second row reuses the first one's event_id with another customer: a conflict.
    expect(result).toMatchObject({ rows: 2, created: 1, duplicates: 0, rejected: 1 });
    expect(await countRows(t)).toEqual(before);
  });
});
