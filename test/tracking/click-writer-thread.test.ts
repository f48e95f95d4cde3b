import { describe, expect, it } from 'vitest';
import { ClickBatch, clickRows } from '../../src/core/clicks/click-batch.ts';
import { ClickWriterThread } from '../../src/core/clicks/click-writer-thread.ts';

const route = { promoId: 7, campaignId: 6, affiliateId: 5, brandId: 4, linkId: 3 };
const options = { databaseUrl: 'postgres://unused', ipMode: 'full' as const, geoipFile: undefined };

describe('a click batch', () => {
  it('gives back every click as added, after crossing to another thread', () => {
    const batch = new ClickBatch(4);
    batch.add('01A', 1_700_000_000_123, route, false, '', '203.0.113.9', 'UA', undefined, true);
    batch.add(
      '01B',
      1_700_000_000_124,
      { ...route, linkId: 9 },
      true,
      'sub1=x&y=%20',
      undefined,
      undefined,
      'https://r.example/',
      false,
    );
    expect(clickRows(structuredClone(batch))).toEqual([
      ['01A', 1_700_000_000_123, 7, 6, 5, 4, 3, 'a', '', '203.0.113.9', 'UA', undefined, true],
      [
        '01B',
        1_700_000_000_124,
        7,
        6,
        5,
        4,
        9,
        'b',
        'sub1=x&y=%20',
        undefined,
        undefined,
        'https://r.example/',
        false,
      ],
    ]);
  });
});

describe('the click writer thread', () => {
  it('fails the batches of a thread that died and starts a new thread for the next one', async () => {
    const thread = new ClickWriterThread(
      options,
      new URL('../fixtures/workers/mortal-click-writer.ts', import.meta.url),
    );
    const one = new ClickBatch(1);
    one.add('01A', 0, route, false, '', undefined, undefined, undefined, true);
    try {
      await expect(thread.write(one)).resolves.toBe(0);
      // The batch in flight when the thread dies fails, so the queue keeps and retries it.
      await expect(thread.write(new ClickBatch(1))).rejects.toThrow('the click writer thread exited (3)');
      await expect(thread.write(one)).resolves.toBe(0);
    } finally {
      await thread.close();
    }
  });
});
