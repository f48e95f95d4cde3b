import { Type } from 'typebox';
import { NullableTimestamp, StringEnum, Timestamp } from '../../schemas/common.ts';

export const TeamMember = Type.Object(
  {
    id: Type.Integer(),
    affiliate_id: Type.Integer(),
    email: Type.String(),
    first_name: Type.String(),
    last_name: Type.String(),
    status: StringEnum(['active', 'inactive', 'blocked']),
    is_owner: Type.Boolean(),
    locked: Type.Boolean({ description: 'Locked by the system after failed sign-ins' }),
    locked_at: NullableTimestamp,
    two_factor_enabled: Type.Boolean(),
    has_password: Type.Boolean({ description: 'False until the user sets one from the emailed link' }),
    last_sign_in_at: NullableTimestamp,
    created_at: Timestamp,
  },
  { $id: 'TeamMember' },
);

export const Session = Type.Object(
  {
    id: Type.Integer(),
    device: Type.String(),
    ip: Type.Union([Type.String(), Type.Null()]),
    user_agent: Type.Union([Type.String(), Type.Null()]),
    method: StringEnum(['password', 'sso']),
    created_at: Timestamp,
    last_seen_at: Timestamp,
    expires_at: Timestamp,
    current: Type.Boolean({ description: 'The session making this request' }),
  },
  { $id: 'PartnerSession' },
);

export const Me = Type.Object(
  {
    via: StringEnum(['session', 'api_key', 'statistic_token']),
    user: Type.Object({
      id: Type.Integer(),
      email: Type.String(),
      first_name: Type.String(),
      last_name: Type.String(),
      is_owner: Type.Boolean(),
      two_factor_enabled: Type.Boolean(),
    }),
    affiliate: Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      status: Type.String(),
      api_access_enabled: Type.Boolean(),
    }),
    two_factor: Type.Object({
      required_by_operator: Type.Boolean(),
      verified_at: NullableTimestamp,
    }),
    acting_operator: Type.Union(
      [Type.Object({ id: Type.Integer(), name: Type.String(), email: Type.String() }), Type.Null()],
      {
        description:
          'The staff user who opened this session with "sign in as affiliate"; null when the affiliate signed in',
      },
    ),
  },
  { $id: 'PartnerMe' },
);

export const TokenBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export const CodeBody = Type.Object(
  {
    code: Type.String({
      minLength: 1,
      maxLength: 40,
      description: 'Authenticator code (spaces allowed) or recovery code',
    }),
  },
  { additionalProperties: false },
);
export const SessionParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
export const UserSessionParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  session_id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
});
export const StatisticToken = Type.Object({ statistic_token: Type.String(), created_at: Timestamp });
