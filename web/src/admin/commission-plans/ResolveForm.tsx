// "Which plan applies": the plan resolved for an affiliate (and campaign) at a moment.
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { campaignOptionsQuery } from '../customers/api.ts';
import { fromLocalInput } from '../list-params.ts';
import { type ResolveQuery, resolveQuery } from './api.ts';

/** The assignment levels in words. */
export const LEVELS = {
  brand: "Brand's default",
  affiliate: "Affiliate's own plan",
  campaign: "Campaign's plan",
};

export function ResolveForm({ brandId, affiliateId }: { brandId: number; affiliateId: number }) {
  const campaigns = useQuery(campaignOptionsQuery(affiliateId, brandId)).data?.data ?? [];
  const [campaign, setCampaign] = useState('');
  const [at, setAt] = useState('');
  const [query, setQuery] = useState<ResolveQuery | null>(null);
  const result = useQuery(resolveQuery(query));
  function submit(event: FormEvent) {
    event.preventDefault();
    setQuery({
      affiliate_id: affiliateId,
      ...(campaign ? { campaign_id: Number(campaign) } : { brand_id: brandId }),
      ...(at ? { at: fromLocalInput(at) } : {}),
    });
  }
  const r = result.data;
  return (
    <form className="panel form" onSubmit={submit} noValidate aria-label="Which plan applies">
      <h2>Which plan applies</h2>
      <div className="row">
        <SelectField
          label="Through campaign"
          value={campaign}
          empty="No campaign"
          options={campaigns.map((c) => ({ value: String(c.id), label: c.name }))}
          onChange={setCampaign}
        />
        <TextField label="At" type="datetime-local" value={at} onChange={setAt} hint="Empty: now" />
      </div>
      <div className="actions">
        <button type="submit">Find the plan</button>
      </div>
      {result.isError && <p className="form-summary">{result.error.message}</p>}
      {r && (
        <div data-testid="resolution" role="status">
          <p>
            <strong>
              {r.plan ? (
                <>
                  {r.plan.name}
                  {r.version && `, version ${r.version.version}`}
                </>
              ) : (
                'No plan applies'
              )}
            </strong>
            {r.source && ` — ${LEVELS[r.source]}`}
          </p>
          <p className="muted">{r.explanation}</p>
          <ul>
            {r.checked.map((c) => (
              <li key={c.target}>
                {LEVELS[c.target]}:{' '}
                {c.assignment ? (c.assignment.plan_id ? `plan #${c.assignment.plan_id}` : 'ended') : 'none'}
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
