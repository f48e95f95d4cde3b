import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';

export interface ClientPixel {
  delivery: 'image' | 'iframe' | 'javascript';
  url: string;
}

/**
 * The client pixels (image, iframe, JavaScript) an event asked for, for the operator's conversion
 * page: each is handed out once, and logged as `served` (the browser's request to the tracker is
 * not seen by the platform). An event with none, or whose pixels were served, gives an empty list.
 */
export async function serveClientPixels(options: {
  db: Db;
  brandId: number;
  eventType: string;
  eventId: string;
}): Promise<ClientPixel[]> {
  return inTransaction(options.db, async (trx) => {
    const now = new Date();
    const { rows } = await sql<{
      id: string;
      definition_id: number;
      affiliate_id: number;
      campaign_id: number | null;
      promo_id: number | null;
      trigger: string;
      delivery: ClientPixel['delivery'];
      url: string;
    }>`
      update postback_deliveries d set state = 'delivered', attempts = 1, finished_at = ${now}
      from events e
      where e.brand_id = ${options.brandId} and e.type = ${options.eventType} and e.event_id = ${options.eventId}
        and d.event_ref = e.id and d.state = 'client'
      returning d.id, d.definition_id, d.affiliate_id, d.campaign_id, d.promo_id, d.trigger, d.delivery, d.url`.execute(
      trx,
    );
    if (rows.length === 0) return [];
    await trx
      .insertInto('postback_attempts')
      .values(
        rows.map((r) => ({
          delivery_id: r.id,
          definition_id: r.definition_id,
          affiliate_id: r.affiliate_id,
          campaign_id: r.campaign_id,
          promo_id: r.promo_id,
          trigger: r.trigger as 'registration',
          attempted_at: now,
          method: 'GET',
          url: r.url,
          attempt: 1,
          outcome: 'served' as const,
        })),
      )
      .execute();
    return rows.map((r) => ({ delivery: r.delivery, url: r.url }));
  });
}
