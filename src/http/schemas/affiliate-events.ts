import { Type } from 'typebox';
import { Timestamp } from './common.ts';

export const EventView = Type.Object(
  {
    id: Type.Integer(),
    type: Type.String({
      description: 'signed_in, two_factor_enabled, password_changed, session_terminated, ...',
    }),
    created_at: Timestamp,
    user: Type.Union([Type.Object({ id: Type.Integer(), email: Type.String() }), Type.Null()], {
      description: 'The user the event is about',
    }),
    actor: Type.Object({
      type: Type.String({ description: 'affiliate_user, affiliate_api_key, staff, api_key, system or cli' }),
      id: Type.Union([Type.Integer(), Type.Null()]),
      name: Type.String(),
    }),
    data: Type.Record(Type.String(), Type.Unknown()),
    ip: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'AffiliateEvent' },
);

export const EventsPage = Type.Object({
  data: Type.Array(EventView),
  next_before_id: Type.Union([Type.Integer(), Type.Null()], {
    description: 'Pass as before_id for the next page',
  }),
});

export const EventsQuery = Type.Object(
  {
    type: Type.Optional(
      Type.Array(Type.String({ maxLength: 64 }), { description: 'One or more event types' }),
    ),
    user_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
    before_id: Type.Optional(Type.Integer({ minimum: 1 })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  },
  { additionalProperties: false },
);
