import { formatMoney } from '../customers/money.ts';
import { formatDate } from '../format.ts';

type Data = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
const plan = (d: Data) => text(d.plan_name) ?? (d.plan_id ? `plan ${d.plan_id}` : 'a plan');
const from = (d: Data) => (text(d.effective_from) ? `, from ${formatDate(String(d.effective_from))}` : '');

// The rule changes an affiliate is shown (who changed its terms, and why), in words; other
// events need no more than their type, user and actor.
const DESCRIBE: Record<string, (d: Data) => string> = {
  plan_version_published: (d) => `${plan(d)} version ${d.version ?? '?'}${from(d)}`,
  plan_assigned: (d) => `${plan(d)}${from(d)}`,
  plan_ended: (d) => `Plan assignment ended${from(d)}`,
  commissions_held: (d) => `${d.count ?? '?'} commission(s) put on hold`,
  commissions_released: (d) => `${d.count ?? '?'} commission(s) released (${String(d.to_status ?? '')})`,
  customer_attributed: (d) =>
    `Customer ${String(d.customer_id ?? d.customer_ref ?? '?')} attributed to this affiliate${d.previous_affiliate_id ? ' (moved from another affiliate)' : ''}`,
  customer_reattributed_away: (d) =>
    `Customer ${String(d.customer_id ?? d.customer_ref ?? '?')} moved to another affiliate (its earlier events stay with this affiliate)`,
  bill_corrected: (d) => {
    const amount =
      text(d.amount) && text(d.currency) ? formatMoney(String(d.amount), String(d.currency)) : '';
    return `Bill ${d.bill_id ?? '?'}: ${String(d.action ?? 'correction')} ${amount}${d.after_approval ? ' (after approval)' : ''}`;
  },
};

/** What happened and why, for the events table's details column; null when there is nothing to add. */
export function eventDetails(type: string, data: Data): string | null {
  const what = DESCRIBE[type]?.(data) ?? null;
  const why = text(data.reason);
  if (what && why) return `${what}. Reason: ${why}`;
  return what ?? (why ? `Reason: ${why}` : null);
}
