import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../actor.ts';
import { changeStatus } from './status-change.ts';

/**
 * The operator releases a commission held by a fraud rule: it goes on as if never held, pending
 * while its hold period lasts, else approved.
 */
export function releaseCommission(options: {
  db: Db;
  actor: Actor;
  id: number;
  reason?: string | null;
  managerId?: number;
  now?: Date;
}) {
  return changeStatus({
    ...options,
    from: ['on_hold'],
    to: (row, now) => (row.hold_until && row.hold_until > now ? 'pending' : 'approved'),
    verb: 'released',
    reason: options.reason?.trim() || null,
  });
}
