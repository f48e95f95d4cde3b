import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Scope } from '../catalog/types.ts';
import { AppError } from '../errors.ts';
import { renderContext, variablesOf } from './create-deliveries.ts';
import { eventOccasion, sampleOccasion } from './occasion-of-event.ts';
import { POSTBACK_TRIGGERS, type PostbackTrigger } from './postback.ts';
import { findDefinition } from './postback-access.ts';
import {
  renderBody,
  renderTemplate,
  STANDARD_VARIABLES,
  templateProblems,
  templateVariables,
} from './template.ts';

export interface PostbackPreview {
  url: string;
  /** The JSON body a server-to-server POST would carry. */
  body: string;
  /** Each variable of the template with the value it got ("" when the event has none). */
  variables: { name: string; value: string; custom: boolean }[];
}

/**
 * The URL a template gives for a sample event (every variable with a made-up value, custom
 * parameters as `sample-<name>`) or for one of the affiliate's real past events. The template is
 * a saved definition's (`id`) or one being written (`url` with `trigger`); a bad template is the
 * same 422 as saving it.
 */
export async function previewPostback(options: {
  db: Db;
  affiliateId?: number;
  id?: number;
  url?: string;
  trigger?: string;
  eventRef?: number;
  scope?: Scope;
}): Promise<PostbackPreview> {
  const scope = options.scope ?? {};
  return inTransaction(options.db, async (trx) => {
    let definition: {
      affiliate_id: number;
      trigger: PostbackTrigger;
      campaign_id: number | null;
      promo_id: number | null;
      url: string;
    };
    if (options.id !== undefined) definition = await findDefinition(trx, options.id, scope);
    else {
      const affiliateId = scope.affiliateId ?? options.affiliateId;
      const problems = [];
      if (affiliateId === undefined) problems.push({ path: 'affiliate_id', message: 'is required' });
      if (options.url === undefined) problems.push({ path: 'url', message: 'is required' });
      const trigger = (options.trigger ?? 'registration') as PostbackTrigger;
      if (!POSTBACK_TRIGGERS.includes(trigger))
        problems.push({ path: 'trigger', message: `must be one of ${POSTBACK_TRIGGERS.join(', ')}` });
      if (problems.length) throw AppError.validation(problems);
      definition = {
        affiliate_id: affiliateId as number,
        trigger,
        campaign_id: null,
        promo_id: null,
        url: options.url as string,
      };
    }
    const problems = templateProblems(definition.url);
    if (problems.length) throw AppError.validation(problems);
    const names = templateVariables(definition.url);
    const custom = names.filter((n) => !(n in STANDARD_VARIABLES));
    const occasion =
      options.eventRef !== undefined
        ? await eventOccasion(trx, definition.affiliate_id, options.eventRef, definition.trigger)
        : sampleOccasion(definition, custom, new Date());
    const context = await renderContext(trx, [occasion]);
    const vars = variablesOf(occasion, context, occasion.planId ?? null);
    const body = JSON.parse(renderBody(definition.url, vars)) as Record<string, string>;
    return {
      url: renderTemplate(definition.url, vars),
      body: JSON.stringify(body),
      variables: names.map((name) => ({
        name,
        value: body[name] ?? '',
        custom: !(name in STANDARD_VARIABLES),
      })),
    };
  });
}
