import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { formatDateTime } from '../../format.ts';
import { useMinorUnit } from '../../reference/pickers.tsx';
import { brandsQuery } from '../tracking/api.ts';
import { useAllows } from '../use-allows.ts';
import { type PlanVersion, planQuery, setPlanArchived, versionsQuery } from './api.ts';
import { changeText } from './change-text.ts';
import type { Definition } from './draft.ts';
import { PlanDetailsForm } from './PlanDetailsForm.tsx';
import { DealType } from './PlansPage.tsx';
import './commission-plans.css';

const route = getRouteApi('/admin/shell/commission-plans/$id');

/** One plan: what describes it, its versions with what each changed, and its actions. */
export function PlanPage() {
  const id = Number(route.useParams().id);
  const write = useAllows('write');
  const queryClient = useQueryClient();
  const plan = useQuery(planQuery(id));
  const versions = useQuery(versionsQuery(id));
  const brands = useQuery(brandsQuery).data?.data ?? [];
  const minorUnit = useMinorUnit(plan.data?.currency ?? 'EUR');
  const [confirming, setConfirming] = useState(false);
  const archive = useMutation({
    mutationFn: (archived: boolean) => setPlanArchived(id, archived),
    onSuccess: async () => {
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: ['commission-plans'] });
    },
  });
  if (plan.isPending) return <p className="muted">Loading…</p>;
  if (plan.isError) return <p className="form-summary">{plan.error.message}</p>;
  const p = plan.data;
  return (
    <>
      <p>
        <Link to="/admin/commission-plans">← Commission plans</Link>
      </p>
      <div className="page-heading">
        <h1>{p.name}</h1>
        {write && (
          <div className="actions">
            <Link
              to="/admin/commission-plans/$id/publish"
              params={{ id: String(id) }}
              className="button-link"
            >
              Publish a new version
            </Link>
            <Link
              to="/admin/plan-assignments"
              search={{ brand: p.brand_id }}
              className="button-link button-secondary"
            >
              Assign
            </Link>
            {p.status === 'active' ? (
              <button type="button" className="button-secondary" onClick={() => setConfirming(true)}>
                Archive
              </button>
            ) : (
              <button type="button" className="button-secondary" onClick={() => archive.mutate(false)}>
                Bring back
              </button>
            )}
          </div>
        )}
      </div>
      {archive.isError && <p className="form-summary">{archive.error.message}</p>}
      <section className="panel">
        <dl className="facts">
          <dt>Brand</dt>
          <dd>{brands.find((b) => b.id === p.brand_id)?.name ?? `#${p.brand_id}`}</dd>
          <dt>Currency</dt>
          <dd>{p.currency}</dd>
          <dt>Deal type</dt>
          <dd>
            <DealType plan={p} />
          </dd>
          <dt>Status</dt>
          <dd>{p.status}</dd>
          <dt>Visibility</dt>
          <dd>{p.is_private ? `Private, for ${p.private_affiliate_ids.length} affiliates` : 'Public'}</dd>
          <dt>In force now</dt>
          <dd>
            {p.current_version
              ? `Version ${p.current_version.version}`
              : 'None yet (the first version is to come)'}
          </dd>
          {p.description && (
            <>
              <dt>Description</dt>
              <dd>{p.description}</dd>
            </>
          )}
        </dl>
      </section>
      {write && <PlanDetailsForm key={p.id} plan={p} />}
      <section className="panel" aria-label="Versions">
        <h2>Versions</h2>
        {versions.isPending && <p className="muted">Loading…</p>}
        {versions.isError && <p className="form-summary">{versions.error.message}</p>}
        <ol className="link-list" reversed>
          {versions.data?.data.map((v) => (
            <VersionItem
              key={v.version}
              v={v}
              currency={p.currency}
              minorUnit={minorUnit}
              current={p.current_version?.version === v.version}
            />
          ))}
        </ol>
      </section>
      {confirming && (
        <ConfirmDialog
          title={`Archive ${p.name}?`}
          confirmLabel="Archive plan"
          onConfirm={() => archive.mutate(true)}
          onCancel={() => setConfirming(false)}
        >
          It can no longer be chosen or assigned. Where it is assigned it keeps applying until that assignment
          is ended or replaced.
        </ConfirmDialog>
      )}
    </>
  );
}

function VersionItem({
  v,
  currency,
  minorUnit,
  current,
}: {
  v: PlanVersion;
  currency: string;
  minorUnit: number;
  current: boolean;
}) {
  const byNgr = ((v.definition as Definition).revshare?.tiers?.by ?? 'ngr') === 'ngr';
  return (
    <li className="history-entry" data-testid="plan-version" data-version={v.version}>
      <h3>
        Version {v.version} {current && <span className="badge badge-ok">in force</span>}
      </h3>
      <p className="muted">
        From {formatDateTime(v.effective_from)} · {v.deal_type} · customers{' '}
        {v.customer_binding === 'keep' ? 'keep their version' : 'follow new versions'} · by {v.actor.name}
      </p>
      {v.note && <p>{v.note}</p>}
      {v.version > 1 && (
        <ul className="version-changes" aria-label={`Changes in version ${v.version}`}>
          {v.changes.map((c) => (
            <li key={c.field}>{changeText(c, currency, minorUnit, byNgr)}</li>
          ))}
        </ul>
      )}
    </li>
  );
}
