import { humanize } from '../../format.ts';
import type { EventEntry } from '../events/api.ts';

export type ExplanationData = EventEntry['attribution']['explanation'];

const KIND_LABELS: Record<string, string> = {
  click_id: 'Click id',
  coupon_code: 'Coupon code',
  affiliate_id: 'Affiliate named by your platform',
  customer: 'Customer already bound',
  operator: 'Operator’s decision',
};
const kindLabel = (kind: string) => KIND_LABELS[kind] ?? humanize(kind);

/**
 * Why an event or customer belongs where it does, as stored when it was decided: the sentence,
 * the hint that won, the brand's policy at the time, and every hint passed over with its reason.
 */
export function Explanation({ explanation: x }: { explanation: ExplanationData }) {
  const rejected = x.rejected ?? [];
  return (
    <div className="explanation" data-testid="explanation">
      <p className="explanation-summary">
        {x.summary || <span className="muted">No explanation stored.</span>}
      </p>
      <dl className="facts">
        {x.winner && (
          <div className="fact">
            <dt>Decided by</dt>
            <dd data-field="winner">
              {kindLabel(x.winner.kind)}: {x.winner.detail}
            </dd>
          </div>
        )}
        {x.policy && (
          <div className="fact">
            <dt>Brand policy</dt>
            <dd>
              {x.policy.binding === 'last_click'
                ? 'Last click wins'
                : 'Lifetime: the first attribution holds'}
              , clicks count for {x.policy.click_lookback_days} days
            </dd>
          </div>
        )}
        {typeof x.reason === 'string' && (
          <div className="fact">
            <dt>Reason given</dt>
            <dd>{x.reason}</dd>
          </div>
        )}
      </dl>
      {rejected.length > 0 && (
        <>
          <p className="explanation-heading">Not used</p>
          <ul className="rejected" aria-label="Hints not used">
            {rejected.map((r) => (
              <li key={`${r.kind}:${String(r.value)}`} data-testid="rejected-candidate">
                <strong>{kindLabel(r.kind)}</strong> <code>{String(r.value)}</code>{' '}
                <span className="badge badge-warn">{humanize(r.reason)}</span> {r.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
