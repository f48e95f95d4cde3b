import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { TextField } from '../../components/TextField.tsx';
import { humanize } from '../../format.ts';
import { inputToMinor } from '../../forms/amount.ts';
import { BillSummary } from '../../portal/bills/BillSummary.tsx';

type Verb = 'approve' | 'hold' | 'release' | 'cancel' | 'mark-paid' | 'show' | 'hide';
const VERBS: Record<string, Verb[]> = {
  pending: ['approve', 'hold', 'cancel'],
  on_hold: ['release', 'cancel'],
  approved: ['mark-paid'],
};

/** One bill to review: its lines and corrections, a correction to add, and the next steps. */
export function BillPage() {
  const id = Number(useParams({ strict: false }).id);
  const queryClient = useQueryClient();
  const bill = useQuery({
    queryKey: ['bills', 'one', id],
    queryFn: () => unwrap(api.GET('/api/v1/bills/{id}', { params: { path: { id } } })),
  });
  const [action, setAction] = useState<'add' | 'subtract'>('add');
  const [amount, setAmount] = useState('');
  const [comment, setComment] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['bills'] });
  const step = useMutation({
    mutationFn: (verb: Verb) =>
      verb === 'approve'
        ? unwrap(api.POST('/api/v1/bills/{id}/approve', { params: { path: { id } } }))
        : unwrap(api.POST(`/api/v1/bills/{id}/${verb}`, { params: { path: { id } }, body: {} })),
    onSuccess: refresh,
  });
  const parsed = inputToMinor(amount, 2);
  const correct = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/bills/{id}/corrections', {
          params: { path: { id } },
          // An amount the form cannot read is sent as 0, so the one answer names every field.
          body: { action, amount: parsed.ok ? parsed.minor : 0, comment },
        }),
      ),
    onSuccess: async () => {
      setAmount('');
      setComment('');
      await refresh();
    },
  });
  if (!bill.data) return <p>{bill.error ? bill.error.message : 'Loading…'}</p>;
  const b = bill.data;
  return (
    <>
      <h1>
        Bill {b.id}: {b.affiliate_name}
      </h1>
      <p style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem' }}>
        {(VERBS[b.status] ?? []).map((verb) => (
          <button
            key={verb}
            type="button"
            className={verb === 'approve' ? '' : 'secondary'}
            disabled={step.isPending}
            onClick={() => step.mutate(verb)}
          >
            {humanize(verb.replace('-', '_'))}
          </button>
        ))}
        <button
          type="button"
          className="secondary"
          disabled={step.isPending}
          onClick={() => step.mutate(b.hidden ? 'show' : 'hide')}
        >
          {b.hidden ? 'Show to the affiliate' : 'Hide from the affiliate'}
        </button>
        <a href={`/api/v1/bills/${b.id}/pdf`}>PDF</a>
      </p>
      {b.hidden && (
        <p className="muted">
          Hidden: the affiliate does not see this bill in the portal or the partner API.
        </p>
      )}
      {step.error && (
        <p role="alert" className="error">
          {step.error.message}
        </p>
      )}
      <BillSummary bill={b} />
      {b.status !== 'cancelled' && (
        <form
          className="panel form"
          onSubmit={(e) => {
            e.preventDefault();
            correct.mutate();
          }}
        >
          <h2>Correct</h2>
          <p className="muted">
            {b.status === 'approved' || b.status === 'paid'
              ? 'The bill is approved: a correction moves the balance by a ledger entry of its own.'
              : 'Before approval a correction changes the amount to pay.'}
          </p>
          <label>
            Action
            <select value={action} onChange={(e) => setAction(e.target.value as 'add' | 'subtract')}>
              <option value="add">Add</option>
              <option value="subtract">Subtract</option>
            </select>
          </label>
          <TextField
            label={`Amount (${b.currency})`}
            inputMode="decimal"
            value={amount}
            onChange={setAmount}
          />
          <TextField label="Comment" value={comment} onChange={setComment} hint="Shown to the affiliate" />
          <p>
            <button type="submit" disabled={correct.isPending}>
              Save correction
            </button>
          </p>
          {correct.error && (
            <p role="alert" className="error">
              {correct.error.message}
            </p>
          )}
        </form>
      )}
    </>
  );
}
