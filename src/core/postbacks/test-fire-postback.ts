import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Scope } from '../catalog/types.ts';
import { AppError } from '../errors.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { deliveryOf, insertDeliveries, renderContext, variablesOf } from './create-deliveries.ts';
import { type DeliverSettings, deliverPostbacks } from './deliver-postbacks.ts';
import { listPostbackLog, type PostbackAttempt } from './list-postback-log.ts';
import { eventOccasion, sampleOccasion } from './occasion-of-event.ts';
import { isServerToServer } from './postback.ts';
import { findDefinition } from './postback-access.ts';
import { STANDARD_VARIABLES, templateVariables } from './template.ts';

/**
 * Sends a definition now, with a sample event or one of the affiliate's past events, and answers
 * the attempt as logged (marked `test`). Whether the definition is active does not matter; a
 * test's failure does not count toward disabling it, and it is not retried.
 */
export async function testFirePostback(options: {
  db: Db;
  jobs?: JobQueue;
  settings: DeliverSettings;
  id: number;
  eventRef?: number;
  scope?: Scope;
}): Promise<PostbackAttempt> {
  const scope = options.scope ?? {};
  const deliveryId = await inTransaction(options.db, async (trx) => {
    const definition = await findDefinition(trx, options.id, scope);
    if (!isServerToServer(definition.delivery))
      throw new AppError(
        'invalid_state',
        "a client pixel fires in the customer's browser on the conversion page: preview its URL instead",
      );
    const custom = templateVariables(definition.url).filter((n) => !(n in STANDARD_VARIABLES));
    const now = new Date();
    const occasion =
      options.eventRef !== undefined
        ? await eventOccasion(trx, definition.affiliate_id, options.eventRef, definition.trigger)
        : sampleOccasion(definition, custom, now);
    const context = await renderContext(trx, [occasion]);
    const row = deliveryOf(
      definition,
      occasion,
      variablesOf(occasion, context, occasion.planId ?? null),
      now,
      true,
    );
    const [id] = await insertDeliveries(trx, [row]);
    return id as number;
  });
  await deliverPostbacks({ db: options.db, settings: options.settings, ids: [deliveryId] });
  const { data } = await listPostbackLog({
    db: options.db,
    filter: { delivery_id: deliveryId },
    limit: 1,
    offset: 0,
    scope,
  });
  if (!data[0]) throw new AppError('internal_error', 'the test attempt was not recorded');
  return data[0];
}
