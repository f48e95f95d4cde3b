import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextAreaField } from '../../components/TextAreaField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { STATUS_LABEL } from '../../correspondence/files.ts';
import { formatDate } from '../../format.ts';
import { useFormErrors } from '../../forms/use-form-errors.ts';

const EMPTY = { subject: '', expected_reply: '', due_date: '' };

/** The affiliate's inquiries (open ones first in mind) and the form to ask for something new. */
export function InquiriesPanel({ id, canAsk }: { id: number; canAsk: boolean }) {
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: ['inquiries', 'affiliate', id],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/affiliates/{id}/inquiries', { params: { path: { id }, query: { page_size: 50 } } }),
      ),
  });
  const [form, setForm] = useState(EMPTY);
  const [asking, setAsking] = useState(false);
  const errors = useFormErrors({
    subject: 'Subject',
    expected_reply: 'What the answer must contain',
    due_date: 'Due date',
  });
  const open = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/affiliates/{id}/inquiries', {
          params: { path: { id } },
          body: {
            subject: form.subject,
            expected_reply: form.expected_reply,
            due_date: form.due_date || null,
          },
        }),
      ),
    onMutate: () => errors.reset(),
    onError: (error) => errors.fail(error),
    onSuccess: async () => {
      setForm(EMPTY);
      setAsking(false);
      await queryClient.invalidateQueries({ queryKey: ['inquiries'] });
    },
  });
  const set = (key: keyof typeof EMPTY) => (value: string) => {
    setForm({ ...form, [key]: value });
    errors.clear(key);
  };
  const rows = list.data?.data ?? [];
  const waiting = rows.filter((r) => r.status === 'open' || r.status === 'rejected').length;
  return (
    <section className="panel" aria-labelledby="affiliate-inquiries">
      <h2 id="affiliate-inquiries">Inquiries</h2>
      <p data-testid="affiliate-open-inquiries">
        {waiting === 0
          ? 'Nothing waits for the affiliate.'
          : `${waiting} waiting for the affiliate's answer.`}
      </p>
      {rows.length > 0 && (
        <ul>
          {rows.map((r) => (
            <li key={r.id}>
              <Link to="/admin/inquiries/$id" params={{ id: String(r.id) }}>
                {r.subject}
              </Link>{' '}
              · {STATUS_LABEL[r.status]}
              {r.due_date && ` · due ${formatDate(r.due_date)}`}
            </li>
          ))}
        </ul>
      )}
      {canAsk && !asking && (
        <button type="button" onClick={() => setAsking(true)}>
          Ask for documents or information
        </button>
      )}
      {asking && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            open.mutate();
          }}
        >
          <FormSummary message={errors.summary} problems={errors.problems} />
          <TextField
            id={errors.idOf('subject')}
            label="Subject"
            value={form.subject}
            onChange={set('subject')}
            error={errors.field('subject')}
          />
          <TextAreaField
            id={errors.idOf('expected_reply')}
            label="What the answer must contain"
            value={form.expected_reply}
            onChange={set('expected_reply')}
            error={errors.field('expected_reply')}
          />
          <TextField
            id={errors.idOf('due_date')}
            label="Due date (optional)"
            type="date"
            value={form.due_date}
            onChange={set('due_date')}
            error={errors.field('due_date')}
          />
          <div className="actions">
            <button type="submit" disabled={open.isPending}>
              Send inquiry
            </button>
            <button type="button" className="button-secondary" onClick={() => setAsking(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
