import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextAreaField } from '../../components/TextAreaField.tsx';
import { InquiryDetails } from '../../correspondence/InquiryDetails.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';

/** One inquiry: what was asked, the answers with their files, accept or reject the latest. */
export function InquiryPage() {
  const id = Number(useParams({ strict: false }).id);
  const queryClient = useQueryClient();
  const inquiry = useQuery({
    queryKey: ['inquiries', id],
    queryFn: () => unwrap(api.GET('/api/v1/inquiries/{id}', { params: { path: { id } } })),
  });
  const [comment, setComment] = useState('');
  const errors = useFormErrors({ comment: 'Comment' });
  const decide = useMutation({
    mutationFn: (verb: 'accept' | 'reject') =>
      unwrap(
        api.POST(`/api/v1/inquiries/{id}/${verb}`, {
          params: { path: { id } },
          body: comment ? { comment } : {},
        }),
      ),
    onMutate: () => errors.reset(),
    onError: (error) => errors.fail(error),
    onSuccess: async () => {
      setComment('');
      await queryClient.invalidateQueries({ queryKey: ['inquiries'] });
    },
  });
  const data = inquiry.data;
  return (
    <>
      <p>
        <Link to="/admin/inquiries">← Inquiries</Link>
        {data && (
          <>
            {' · '}
            <Link to="/admin/affiliates/$id" params={{ id: String(data.affiliate_id) }}>
              Affiliate {data.affiliate_id}
            </Link>
          </>
        )}
      </p>
      <h1>{data?.subject ?? 'Inquiry'}</h1>
      {inquiry.isError && <p className="form-summary">{inquiry.error.message}</p>}
      {data && <InquiryDetails inquiry={data} base="/api/v1/correspondence-files" />}
      {data?.status === 'answered' && (
        <section className="panel" aria-labelledby="decide">
          <h2 id="decide">Decide on the answer</h2>
          <FormSummary message={errors.summary} problems={errors.problems} />
          <TextAreaField
            id={errors.idOf('comment')}
            label="Comment (required to reject: what is missing)"
            value={comment}
            onChange={(v) => {
              setComment(v);
              errors.clear('comment');
            }}
            error={errors.field('comment')}
          />
          <div className="actions">
            <button type="button" disabled={decide.isPending} onClick={() => decide.mutate('accept')}>
              Accept answer
            </button>
            <button
              type="button"
              className="button-secondary"
              disabled={decide.isPending}
              onClick={() => decide.mutate('reject')}
            >
              Reject answer
            </button>
          </div>
        </section>
      )}
      {data && (
        <section className="panel" aria-labelledby="inquiry-history">
          <h2 id="inquiry-history">History</h2>
          <ul>
            {data.changes.map((c) => (
              <li key={`${c.created_at}-${c.to_status}`}>
                {new Date(c.created_at).toLocaleString()}: {c.from_status ?? 'new'} → {c.to_status} by{' '}
                {c.actor_name}
                {c.comment && ` (${c.comment})`}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
