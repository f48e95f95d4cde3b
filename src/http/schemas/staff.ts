import { Type } from 'typebox';
import { NullableTimestamp, StringEnum, Timestamp } from './common.ts';

export const StaffUser = Type.Object(
  {
    id: Type.Integer(),
    email: Type.String(),
    name: Type.String(),
    role: Type.String(),
    managed_affiliates_only: Type.Boolean({ description: 'Reaches only the affiliates they manage' }),
    status: StringEnum(['active', 'blocked']),
    locked_at: Type.Union([Timestamp, Type.Null()], {
      description: 'When failed sign-ins locked the account; null when not locked',
    }),
    created_at: Timestamp,
    last_login_at: NullableTimestamp,
    invited: Type.Boolean({
      description: 'Invited by email and has not set a password yet, so cannot sign in',
    }),
  },
  { $id: 'StaffUser' },
);

export const Password = Type.String({ minLength: 1, maxLength: 256 });
export const Email = Type.String({ minLength: 3, maxLength: 254, format: 'email' });
