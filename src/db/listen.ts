import pg from 'pg';

export interface ListenHandlers {
  onPayload(payload: string): void;
  /** The connection was lost and is back: notifications may have been missed meanwhile. */
  onReconnect?(): void;
}

export type Unlisten = () => Promise<void>;

/**
 * LISTEN on PostgreSQL needs a connection of its own that stays open (a pooled one goes back to
 * the pool). When it drops it is reopened with backoff and `onReconnect` lets the caller resync.
 */
export async function listenPostgres(
  url: string,
  channel: string,
  handlers: ListenHandlers,
): Promise<Unlisten> {
  let client: pg.Client | null = null;
  let stopped = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (message) => {
      if (message.channel === channel) handlers.onPayload(message.payload ?? '');
    });
    c.on('error', () => {});
    let lost = false;
    const onLost = () => {
      if (lost) return;
      lost = true;
      if (client === c) client = null;
      if (!stopped) schedule();
    };
    try {
      await c.connect();
      await c.query(`listen "${channel.replace(/"/g, '""')}"`);
    } catch (error) {
      c.end().catch(() => {});
      throw error;
    }
    c.on('end', onLost);
    client = c;
  };

  const schedule = (): void => {
    clearTimeout(timer);
    timer = setTimeout(
      async () => {
        try {
          await connect();
          attempt = 0;
          handlers.onReconnect?.();
        } catch {
          attempt++;
          if (!stopped) schedule();
        }
      },
      Math.min(5000, 100 * 2 ** attempt),
    );
    timer.unref();
  };

  await connect();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await client?.end().catch(() => {});
    client = null;
  };
}
