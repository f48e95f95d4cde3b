import { describe, expect, it } from 'vitest';
import { ClickWriterThread } from '../../src/core/tracking/click-writer-thread.ts';
import type { RawClick } from '../../src/core/tracking/clicks.ts';

const click: RawClick = ['01JX', 0, 1, 1, 1, 1, 1, 'a', '', undefined, undefined, undefined, true];
const options = { databaseUrl: 'postgres://unused', ipMode: 'full' as const, geoipFile: undefined };

describe('the click writer thread', () => {
  it('fails the batches of a thread that died and starts a new thread for the next one', async () => {
    const thread = new ClickWriterThread(
      options,
      new URL('../fixtures/workers/mortal-click-writer.ts', import.meta.url),
    );
    try {
      await expect(thread.write([click])).resolves.toBe(0);
      // The batch in flight when the thread dies fails, so the queue keeps and retries it.
      await expect(thread.write([])).rejects.toThrow('the click writer thread exited (3)');
      await expect(thread.write([click])).resolves.toBe(0);
    } finally {
      await thread.close();
    }
  });
});
