import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../actor.ts';
import { changeStatus } from './status-change.ts';

/** The operator approves a pending or held commission (before its hold period ends, too). */
export function approveCommission(options: {
  db: Db;
  actor: Actor;
  id: number;
  reason?: string | null;
  managerId?: number;
}) {
  return changeStatus({
    ...options,
    from: ['pending', 'on_hold'],
    to: 'approved',
    verb: 'approved',
    reason: options.reason?.trim() || null,
  });
}
