import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../actor.ts';
import { changeStatus, requiredReason } from './status-change.ts';

/** The operator rejects a commission not billed yet (a fraud hold confirmed, a mistake), saying why. */
export function rejectCommission(options: {
  db: Db;
  actor: Actor;
  id: number;
  reason?: string | null;
  managerId?: number;
}) {
  return changeStatus({
    ...options,
    from: ['pending', 'on_hold', 'approved'],
    to: 'rejected',
    verb: 'rejected',
    reason: requiredReason(options.reason),
  });
}
