import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextAreaField } from '../../components/TextAreaField.tsx';
import { formatDateTime } from '../../format.ts';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import type { Affiliate } from './api.ts';

const FIELDS = ['reason'] as const;

/**
 * The decision on an application: approve (a pending or declined affiliate becomes active) or
 * decline a pending one, with a reason the applicant is told. Either way they get an email.
 */
export function ApplicationPanel({ affiliate }: { affiliate: Affiliate }) {
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [asking, setAsking] = useState<'approve' | 'decline' | null>(null);
  const path = { params: { path: { id: affiliate.id } } };
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['affiliates'] });
  const approve = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/affiliates/{id}/approve', path)),
    onSuccess: refresh,
    onError: errors.fail,
  });
  const decline = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/affiliates/{id}/decline', { ...path, body: reason.trim() ? { reason } : {} })),
    onSuccess: async () => {
      setDeclining(false);
      await refresh();
    },
    onError: errors.fail,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setAsking('decline');
  }

  function confirmed() {
    const action = asking;
    setAsking(null);
    errors.reset();
    if (action === 'approve') approve.mutate();
    else decline.mutate();
  }

  const pending = affiliate.status === 'pending';
  return (
    <section className="panel notice" aria-label="Application">
      <p>
        {pending
          ? `Applied ${formatDateTime(affiliate.applied_at)}; waiting for a decision.`
          : 'This application was declined. It can still be approved.'}
      </p>
      <FormSummary message={errors.summary} />
      {!declining && (
        <span className="actions">
          <button type="button" disabled={approve.isPending} onClick={() => setAsking('approve')}>
            Approve
          </button>
          {pending && (
            <button type="button" className="button-secondary" onClick={() => setDeclining(true)}>
              Decline…
            </button>
          )}
        </span>
      )}
      {declining && (
        <form className="form" onSubmit={submit} noValidate aria-label="Decline the application">
          <TextAreaField
            label="Reason (optional, told to the applicant)"
            value={reason}
            onChange={setReason}
            error={errors.field('reason')}
          />
          <span className="actions">
            <button type="submit" className="button-danger" disabled={decline.isPending}>
              Decline application
            </button>
            <button type="button" className="button-secondary" onClick={() => setDeclining(false)}>
              Cancel
            </button>
          </span>
        </form>
      )}
      {asking === 'approve' && (
        <ConfirmDialog
          title={`Approve ${affiliate.name}?`}
          confirmLabel="Approve"
          onCancel={() => setAsking(null)}
          onConfirm={confirmed}
        >
          <p>
            The affiliate becomes active: its users can sign in to the portal and run promos, and the
            applicant is emailed that they were approved.
          </p>
        </ConfirmDialog>
      )}
      {asking === 'decline' && (
        <ConfirmDialog
          title={`Decline ${affiliate.name}?`}
          confirmLabel="Decline application"
          danger
          onCancel={() => setAsking(null)}
          onConfirm={confirmed}
        >
          <p>
            The applicant is emailed that the application was declined
            {reason.trim() ? ', with the reason you gave' : ''}, and cannot sign in. It can still be approved
            later.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
