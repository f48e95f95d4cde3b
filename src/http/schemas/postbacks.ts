import { Type } from 'typebox';
import { POSTBACK_DELIVERIES, POSTBACK_SCOPES, POSTBACK_TRIGGERS } from '../../core/postbacks/postback.ts';
import { STANDARD_VARIABLES } from '../../core/postbacks/template.ts';
import { ListOf, Nullable, PageQuery, Timestamp } from './common.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const POSTBACK_HELP = [
  "A postback tells an affiliate's tracker about a conversion. Scopes: `account` (every event of",
  'the affiliate), `campaign` or `promo`; for an event the narrowest scope with a matching active',
  'definition wins (promo, then campaign, then account), and every definition at that scope fires.',
  `Triggers: ${POSTBACK_TRIGGERS.join(', ')}. Deliveries: \`s2s_get\`, \`s2s_post\` (server to`,
  "server; POST carries the template's variables as a JSON body), `image`, `iframe`, `javascript`",
  "(client pixels, served by `/px.js` on the operator's conversion page). The URL template takes",
  '`${name}` or `{{name}}`: the standard variables (`GET .../postback-variables`) and any custom',
  'parameter the click carried (`${webID}` is `webID=` of the tracking link); a variable the event',
  'has no value for is sent empty. Saving checks the template: `{track_id}`, `$[visit_id]` or a',
  'query after `/` instead of `?` are a 422 naming the mistake and its fix. A server-to-server',
  'delivery succeeds only on a 2xx answer within 10 s (redirects are not followed); it is retried',
  '5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h after each failure, then failed. Twenty deliveries',
  'failed in a row (each after every retry) turn the definition inactive (`disabled_reason`) and email its owner.',
  'Delivery is at least once: a worker stopped mid-request sends that one again.',
].join(' ');

const fields = {
  name: Type.Optional(Type.String({ maxLength: 200 })),
  scope: Type.String({ maxLength: 20, description: POSTBACK_SCOPES.join(', ') }),
  campaign_id: Type.Optional(Nullable(Id)),
  promo_id: Type.Optional(Nullable(Id)),
  trigger: Type.String({ maxLength: 40, description: POSTBACK_TRIGGERS.join(', ') }),
  plan_id: Type.Optional(Nullable(Id)),
  delivery: Type.Optional(
    Type.String({ maxLength: 20, description: `${POSTBACK_DELIVERIES.join(', ')}; default s2s_get` }),
  ),
  status: Type.Optional(Type.String({ maxLength: 20, description: 'active (default) or inactive' })),
  url: Type.String({ maxLength: 4000 }),
};

export const PostbackFields = fields;
export const PostbackPatch = Type.Partial(Type.Object(fields), { additionalProperties: false });

export const Postback = Type.Object({
  id: Type.Integer(),
  affiliate_id: Type.Integer(),
  name: Type.String(),
  scope: Type.String(),
  campaign_id: Nullable(Type.Integer()),
  promo_id: Nullable(Type.Integer()),
  trigger: Type.String(),
  plan_id: Nullable(
    Type.Integer({ description: 'Only customers on this commission plan (deal); null: all' }),
  ),
  delivery: Type.String(),
  status: Type.String(),
  url: Type.String(),
  consecutive_failures: Type.Integer(),
  disabled_at: Nullable(Timestamp),
  disabled_reason: Nullable(Type.String()),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export const PostbackPage = ListOf(Postback);

export const postbackFilters = {
  scope: Type.Optional(Type.String({ maxLength: 20 })),
  campaign_id: Type.Optional(Id),
  promo_id: Type.Optional(Id),
  trigger: Type.Optional(Type.String({ maxLength: 40 })),
  status: Type.Optional(Type.String({ maxLength: 20 })),
  ...PageQuery,
};

export const PostbackAttempt = Type.Object({
  id: Type.Integer(),
  delivery_id: Type.Integer(),
  definition_id: Type.Integer(),
  affiliate_id: Type.Integer(),
  campaign_id: Nullable(Type.Integer()),
  campaign_name: Nullable(Type.String()),
  promo_id: Nullable(Type.Integer()),
  promo_code: Nullable(Type.String()),
  action: Type.String(),
  test: Type.Boolean(),
  attempted_at: Timestamp,
  method: Type.String(),
  url: Type.String(),
  attempt: Type.Integer(),
  outcome: Type.String({
    description: 'delivered, retry (next_retry_at says when), failed, served (client pixel)',
  }),
  response_code: Nullable(Type.Integer()),
  response_ms: Nullable(Type.Integer()),
  response_body: Nullable(Type.String({ description: 'The first 1 KB of the answer' })),
  error: Nullable(Type.String()),
  next_retry_at: Nullable(Timestamp),
});
export const PostbackLogPage = ListOf(PostbackAttempt);

export const LOG_HELP =
  'Every attempt, newest first: time, URL sent, action, response code and time, the first 1 KB of the answer, attempt number and next retry. Filters as in the portal: time range (`from`, `to`), `url` (part of it), `action`, `response_code`, `campaign` (id or part of its name), `promo` (id or code). Attempts are kept POSTBACK_LOG_RETENTION_DAYS days (default 90); the log is append-only, and only that cleanup deletes from it.';

export const logFilters = {
  definition_id: Type.Optional(Id),
  delivery_id: Type.Optional(Type.Integer({ minimum: 1 })),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  url: Type.Optional(Type.String({ maxLength: 500 })),
  action: Type.Optional(Type.String({ maxLength: 40 })),
  response_code: Type.Optional(Type.Integer({ minimum: 0, maximum: 999 })),
  outcome: Type.Optional(Type.String({ maxLength: 20 })),
  campaign: Type.Optional(Type.String({ maxLength: 200 })),
  promo: Type.Optional(Type.String({ maxLength: 200 })),
};

export function logFilterOf<T extends { from?: string; to?: string }>(query: T) {
  const { from, to, ...rest } = query;
  return { ...rest, ...(from ? { from: new Date(from) } : {}), ...(to ? { to: new Date(to) } : {}) };
}

export const previewFields = {
  id: Type.Optional(Id),
  url: Type.Optional(Type.String({ maxLength: 4000 })),
  trigger: Type.Optional(Type.String({ maxLength: 40 })),
  event_ref: Type.Optional(
    Type.Integer({
      minimum: 1,
      description: 'A past event of the affiliate (its `ref`); default: a sample event',
    }),
  ),
};
export const PreviewBody = Type.Object(previewFields, { additionalProperties: false });

export const Preview = Type.Object({
  url: Type.String(),
  body: Type.String({ description: 'The JSON body of an s2s_post' }),
  variables: Type.Array(Type.Object({ name: Type.String(), value: Type.String(), custom: Type.Boolean() })),
});

export const TestFireBody = Type.Object(
  {
    event_ref: Type.Optional(
      Type.Integer({ minimum: 1, description: 'A past event of the affiliate; default: a sample event' }),
    ),
  },
  { additionalProperties: false },
);

export const ReplayBody = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Deliveries made at or after' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Deliveries made before' })),
  },
  { additionalProperties: false },
);
export const Replayed = Type.Object({ queued: Type.Integer() });

export const Variables = Type.Object({
  data: Type.Array(Type.Object({ name: Type.String(), description: Type.String() })),
});
export const variableList = () => ({
  data: Object.entries(STANDARD_VARIABLES).map(([name, description]) => ({ name, description })),
});
