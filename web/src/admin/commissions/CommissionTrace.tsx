import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DataTable } from '../../components/DataTable.tsx';
import { TextField } from '../../components/TextField.tsx';
import { TraceDetails } from '../../components/TraceDetails.tsx';
import { formatDateTime, sentenceCase } from '../../format.ts';
import { useMoney } from '../customers/api.ts';
import { useAllows } from '../use-allows.ts';
import { changeStatus, commissionQuery, type StatusAction } from './api.ts';

const ACTIONS: { action: StatusAction; label: string; from: string[] }[] = [
  { action: 'approve', label: 'Approve', from: ['pending', 'on_hold'] },
  { action: 'release', label: 'Release', from: ['on_hold'] },
  { action: 'reject', label: 'Reject', from: ['pending', 'on_hold', 'approved'] },
];

/** One commission's trace: the sentence, the structured inputs, the status history, its actions. */
export function CommissionTrace({ id, onClose }: { id: number; onClose(): void }) {
  const detail = useQuery(commissionQuery(id));
  const money = useMoney();
  const queryClient = useQueryClient();
  const mayWrite = useAllows('write');
  const mayFinance = useAllows('finance');
  const [reason, setReason] = useState('');
  const change = useMutation({
    mutationFn: (action: StatusAction) => changeStatus(id, action, reason.trim()),
    onSuccess: async (saved) => {
      queryClient.setQueryData(commissionQuery(id).queryKey, saved);
      setReason('');
      await queryClient.invalidateQueries({ queryKey: ['commissions', 'list'] });
    },
  });
  const c = detail.data;
  return (
    <section className="panel commission-trace" aria-label={`Commission ${id}`}>
      <div className="panel-head">
        <h2>Commission {id}</h2>
        <button type="button" className="button-secondary" onClick={onClose}>
          Close
        </button>
      </div>
      {detail.isPending && <p className="muted">Loading…</p>}
      {detail.isError && <p className="form-summary">{detail.error.message}</p>}
      {c && (
        <>
          <p className="trace-sentence">{c.explanation}</p>
          <p className="muted">
            {money(c.amount, c.currency)} · {sentenceCase(c.kind)} · {sentenceCase(c.status)} · affiliate{' '}
            {c.affiliate_id} · earned {formatDateTime(c.earned_at)}
            {c.hold_until && ` · held until ${formatDateTime(c.hold_until)}`}
          </p>
          <h3>Trace</h3>
          <TraceDetails value={c.trace} label="Trace inputs" />
          <h3>Status history</h3>
          <DataTable
            rows={c.status_changes.map((s, i) => ({ ...s, id: i }))}
            empty={`Started ${sentenceCase(c.status)}; no change since.`}
            columns={[
              { label: 'When', cell: (s) => formatDateTime(s.at) },
              {
                label: 'Change',
                cell: (s) => `${sentenceCase(s.from_status)} → ${sentenceCase(s.to_status)}`,
              },
              { label: 'By', cell: (s) => s.actor.name },
              { label: 'Reason', cell: (s) => s.reason ?? '—' },
            ]}
          />
          {(mayWrite || mayFinance) && ACTIONS.some((a) => a.from.includes(c.status)) && (
            <div className="form">
              <TextField
                label="Reason"
                value={reason}
                maxLength={500}
                onChange={setReason}
                hint="Required to reject; shown to the affiliate."
              />
              <div className="actions">
                {ACTIONS.filter((a) => a.from.includes(c.status)).map((a) => (
                  <button
                    key={a.action}
                    type="button"
                    className={a.action === 'reject' ? 'button-danger' : undefined}
                    disabled={change.isPending || (a.action === 'reject' && !reason.trim())}
                    onClick={() => change.mutate(a.action)}
                  >
                    {a.label}
                  </button>
                ))}
              </div>
              {change.isError && <p className="form-summary">{change.error.message}</p>}
            </div>
          )}
        </>
      )}
    </section>
  );
}
