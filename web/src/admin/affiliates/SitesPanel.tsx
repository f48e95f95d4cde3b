import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { priceRange, REVIEW_LABEL, type SiteShape } from '../../sites/site-labels.ts';

/** The affiliate's sites with their review: approve, or decline with a comment the affiliate reads. */
export function SitesPanel({ id, canReview }: { id: number; canReview: boolean }) {
  const list = useQuery({
    queryKey: ['sites', 'affiliate', id],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/affiliates/{id}/sites', { params: { path: { id }, query: { page_size: 100 } } }),
      ),
  });
  const rows = (list.data?.data ?? []) as SiteShape[];
  const pending = rows.filter((r) => r.review_status === 'pending').length;
  return (
    <section className="panel" aria-labelledby="affiliate-sites">
      <h2 id="affiliate-sites">Sites</h2>
      {list.isError && <p className="form-summary">{list.error.message}</p>}
      <p data-testid="affiliate-pending-sites">
        {rows.length === 0
          ? 'No sites yet.'
          : pending === 0
            ? 'Every site is reviewed.'
            : `${pending} to review.`}
      </p>
      {rows.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Sites">
            <thead>
              <tr>
                <th>Name</th>
                <th>Address</th>
                <th>Category</th>
                <th>Prices</th>
                <th>Support</th>
                <th>Review</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <SiteRow key={s.id} site={s} affiliateId={id} canReview={canReview} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function SiteRow({
  site,
  affiliateId,
  canReview,
}: {
  site: SiteShape;
  affiliateId: number;
  canReview: boolean;
}) {
  const queryClient = useQueryClient();
  const [declining, setDeclining] = useState(false);
  const [comment, setComment] = useState('');
  const errors = useFormErrors({ comment: 'Why it is declined' });
  const review = useMutation({
    mutationFn: (body: { review_status: 'approved' | 'declined' | 'pending'; comment?: string }) =>
      unwrap(api.POST('/api/v1/sites/{id}/review', { params: { path: { id: site.id } }, body })),
    onMutate: () => errors.reset(),
    onError: (error) => errors.fail(error),
    onSuccess: async () => {
      setDeclining(false);
      setComment('');
      await queryClient.invalidateQueries({ queryKey: ['sites', 'affiliate', affiliateId] });
    },
  });
  return (
    <tr>
      <td>{site.name}</td>
      <td>
        <a href={site.url} target="_blank" rel="noreferrer noopener">
          {site.url}
        </a>
        {site.notification_url && <div className="muted">Notifications: {site.notification_url}</div>}
      </td>
      <td>{site.category_description}</td>
      <td>{priceRange(site)}</td>
      <td>{[site.support_email, site.support_phone].filter(Boolean).join(' · ') || '—'}</td>
      <td>
        <span className={`badge status-${site.review_status}`}>{REVIEW_LABEL[site.review_status]}</span>
        {site.review_comment && <div className="muted">{site.review_comment}</div>}
        {canReview && !declining && (
          <div className="actions">
            {site.review_status !== 'approved' && (
              <button
                type="button"
                disabled={review.isPending}
                onClick={() => review.mutate({ review_status: 'approved' })}
              >
                Approve<span className="visually-hidden"> {site.name}</span>
              </button>
            )}
            {site.review_status !== 'declined' && (
              <button type="button" className="button-secondary" onClick={() => setDeclining(true)}>
                Decline<span className="visually-hidden"> {site.name}</span>
              </button>
            )}
          </div>
        )}
        {declining && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              review.mutate({ review_status: 'declined', comment });
            }}
          >
            <FormSummary message={errors.summary} problems={errors.problems} />
            <TextField
              id={errors.idOf('comment')}
              label="Why it is declined"
              value={comment}
              onChange={(v) => {
                setComment(v);
                errors.clear('comment');
              }}
              error={errors.field('comment')}
            />
            <div className="actions">
              <button type="submit" disabled={review.isPending}>
                Decline site
              </button>
              <button type="button" className="button-secondary" onClick={() => setDeclining(false)}>
                Cancel
              </button>
            </div>
          </form>
        )}
      </td>
    </tr>
  );
}
