import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { FormSummary } from '../../components/FormSummary.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextAreaField } from '../../components/TextAreaField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { plansQuery, versionsQuery } from '../commission-plans/api.ts';
import { AffiliatePicker } from '../tracking/AffiliatePicker.tsx';
import { type BacktestBody, runBacktest } from './api.ts';
import { BacktestResults } from './BacktestResults.tsx';
import './commissions.css';

const FIELDS = {
  plan_id: 'Plan',
  version: 'Version',
  definition: 'Draft',
  period_start: 'First day',
  period_end: 'Last day',
  affiliate_ids: 'Affiliates',
};

const monthAgo = () => {
  const d = new Date();
  const start = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
  const end = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 0));
  return { start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) };
};

/**
 * What a plan version, or a draft edited here, would have paid over a past period, beside what
 * the affiliates actually earned. Nothing is written: the server runs the engine's calculation.
 */
export function BacktestPage() {
  const plans = useQuery(plansQuery({ page_size: 200, status: 'active' })).data?.data ?? [];
  const [planId, setPlanId] = useState('');
  const versions =
    useQuery({ ...versionsQuery(Number(planId)), enabled: Number(planId) > 0 }).data?.data ?? [];
  const [mode, setMode] = useState<'version' | 'draft'>('version');
  const [version, setVersion] = useState('');
  const [draft, setDraft] = useState('');
  const last = monthAgo();
  const [start, setStart] = useState(last.start);
  const [end, setEnd] = useState(last.end);
  const [affiliates, setAffiliates] = useState<number[]>([]);
  const errors = useFormErrors(FIELDS);

  // A new plan starts from its latest version, as the version to test and as the draft's text.
  useEffect(() => {
    const latest = versions[versions.length - 1] ?? versions[0];
    const newest = versions.reduce((a, v) => (v.version > (a?.version ?? 0) ? v : a), latest);
    if (!newest) return;
    setVersion(String(newest.version));
    setDraft(JSON.stringify(newest.definition, null, 2));
  }, [versions]);

  const run = useMutation({ mutationFn: (body: BacktestBody) => runBacktest(body), onError: errors.fail });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    if (!planId) return errors.setField('plan_id', 'choose the plan to test');
    let definition: Record<string, unknown> | undefined;
    if (mode === 'draft') {
      try {
        definition = JSON.parse(draft);
      } catch {
        return errors.setField('definition', 'is not valid JSON: check the commas and quotes');
      }
    }
    run.mutate({
      plan_id: Number(planId),
      ...(mode === 'version' ? { version: Number(version) } : { definition }),
      period_start: start,
      period_end: end,
      ...(affiliates.length ? { affiliate_ids: affiliates } : {}),
      include_traces: true,
    });
  }

  return (
    <>
      <h1>Backtest a plan</h1>
      <p className="muted">
        Runs a plan version, or a draft, over a past period as if the affiliates had been on it, and sets what
        it would have paid beside what they actually earned. Nothing is saved.
      </p>
      <form className="panel form" onSubmit={submit} noValidate aria-label="Backtest">
        <FormSummary message={errors.summary} problems={errors.problems} />
        <SelectField
          label="Plan"
          id={errors.idOf('plan_id')}
          value={planId}
          empty="Choose a plan"
          options={plans.map((p) => ({ value: String(p.id), label: `${p.name} (${p.currency})` }))}
          onChange={(v) => {
            errors.clear('plan_id');
            setPlanId(v);
          }}
          error={errors.field('plan_id')}
        />
        <fieldset>
          <legend>Test</legend>
          <label className="checkbox">
            <input
              type="radio"
              name="mode"
              checked={mode === 'version'}
              onChange={() => setMode('version')}
            />
            A published version
          </label>
          <label className="checkbox">
            <input type="radio" name="mode" checked={mode === 'draft'} onChange={() => setMode('draft')} />A
            draft (edit the definition)
          </label>
        </fieldset>
        {mode === 'version' ? (
          <SelectField
            label="Version"
            id={errors.idOf('version')}
            value={version}
            options={versions.map((v) => ({ value: String(v.version), label: `Version ${v.version}` }))}
            onChange={setVersion}
            error={errors.field('version')}
          />
        ) : (
          <TextAreaField
            label="Draft"
            id={errors.idOf('definition')}
            value={draft}
            rows={12}
            onChange={(v) => {
              errors.clear('definition');
              setDraft(v);
            }}
            error={errors.field('definition')}
          />
        )}
        {mode === 'draft' && (
          <p className="muted">
            The plan’s components as the API takes them: amounts in minor units (3000 is 30.00), rates as text
            ("25").
          </p>
        )}
        <div className="period-fields">
          <TextField
            label="First day"
            type="date"
            id={errors.idOf('period_start')}
            value={start}
            onChange={setStart}
            error={errors.field('period_start')}
          />
          <TextField
            label="Last day"
            type="date"
            id={errors.idOf('period_end')}
            value={end}
            onChange={setEnd}
            error={errors.field('period_end')}
          />
        </div>
        <AffiliatePicker
          label="Affiliates (none chosen: all of the plan's brand)"
          ids={affiliates}
          onChange={setAffiliates}
          error={errors.field('affiliate_ids')}
        />
        <button type="submit" disabled={run.isPending}>
          {run.isPending ? 'Running…' : 'Run backtest'}
        </button>
      </form>
      {run.data && <BacktestResults result={run.data} />}
    </>
  );
}
