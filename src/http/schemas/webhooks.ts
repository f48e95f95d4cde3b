import { Type } from 'typebox';
import { MAX_GRACE_HOURS } from '../../core/webhooks/rotate-webhook-secret.ts';
import { WEBHOOK_EVENT_TYPES } from '../../core/webhooks/webhook-events.ts';
import { ListOf, Nullable, StringEnum, Timestamp } from './common.ts';

export const WEBHOOK_HELP = `The operator's own endpoints, told of platform events: ${WEBHOOK_EVENT_TYPES.join(', ')}. Each message is a JSON POST \`{ type, timestamp, data }\` (amounts in minor units with their currency, as strings) signed as Standard Webhooks has it: headers \`webhook-id\` (the same on every attempt: drop duplicates by it, delivery is at least once), \`webhook-timestamp\` and \`webhook-signature\` (\`v1,<base64 HMAC-SHA256>\`, space-separated when a rotated-out secret still signs). Verify with any Standard Webhooks library and the endpoint's \`whsec_\` secret. Success is a 2xx within 10 s; otherwise it is retried at once, after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h, then failed (replayable). Events are queued in the transaction of the change.`;

const EventType = StringEnum(WEBHOOK_EVENT_TYPES);
const Status = StringEnum(['active', 'inactive'] as const);

export const WebhookEndpoint = Type.Object({
  id: Type.Integer(),
  url: Type.String(),
  description: Type.String(),
  event_types: Type.Array(Type.String()),
  status: Status,
  previous_secret_until: Nullable(Timestamp),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export const WebhookEndpointWithSecret = Type.Object({
  ...WebhookEndpoint.properties,
  secret: Type.String({ description: 'The signing secret (whsec_...): shown on creation and rotation only' }),
});
export const WebhookEndpointPage = ListOf(WebhookEndpoint);

const fields = {
  url: Type.String({ minLength: 1, maxLength: 2000, description: 'An http:// or https:// URL' }),
  description: Type.String({ maxLength: 500 }),
  event_types: Type.Array(EventType, { minItems: 1, maxItems: WEBHOOK_EVENT_TYPES.length * 2 }),
  status: Status,
};
export const WebhookEndpointBody = Type.Object(
  {
    url: fields.url,
    event_types: fields.event_types,
    description: Type.Optional(fields.description),
    status: Type.Optional(fields.status),
  },
  { additionalProperties: false },
);
export const WebhookEndpointPatch = Type.Partial(Type.Object(fields), { additionalProperties: false });

export const RotateBody = Type.Object(
  {
    grace_hours: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_GRACE_HOURS,
        description: 'How long the previous secret still signs (default 24; 0: at once no more)',
      }),
    ),
  },
  { additionalProperties: false },
);

export const WebhookAttempt = Type.Object({
  id: Type.Integer(),
  delivery_id: Type.Integer(),
  endpoint_id: Type.Integer(),
  message_id: Type.String(),
  event_type: Type.String(),
  test: Type.Boolean(),
  attempted_at: Timestamp,
  url: Type.String(),
  attempt: Type.Integer(),
  outcome: StringEnum(['delivered', 'retry', 'failed'] as const),
  response_code: Nullable(Type.Integer()),
  response_ms: Nullable(Type.Integer()),
  response_body: Nullable(Type.String({ description: 'The first 1 KB of the answer' })),
  error: Nullable(Type.String()),
  next_retry_at: Nullable(Timestamp),
});
export const WebhookLogPage = ListOf(WebhookAttempt);

export const webhookLogFilters = {
  endpoint_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
  message_id: Type.Optional(Type.String({ maxLength: 100 })),
  event_type: Type.Optional(Type.String({ maxLength: 100 })),
  outcome: Type.Optional(StringEnum(['delivered', 'retry', 'failed'] as const)),
  response_code: Type.Optional(Type.Integer({ minimum: 0, maximum: 999 })),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Attempts at or after' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Attempts before' })),
};
