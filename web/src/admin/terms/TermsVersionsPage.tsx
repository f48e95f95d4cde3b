import './terms.css';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextAreaField } from '../../components/TextAreaField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { formatDateTime } from '../../format.ts';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { useAllows } from '../use-allows.ts';

export const termsVersionsQuery = queryOptions({
  queryKey: ['terms-versions'],
  queryFn: () => unwrap(api.GET('/api/v1/terms-versions')),
});

const FIELDS = { title: 'Title', body: 'Terms', summary: 'What changed' };

/** The program's terms and conditions: every published version, and publishing the next one. */
export function TermsVersionsPage() {
  const versions = useQuery(termsVersionsQuery);
  const canPublish = useAllows('admin');
  const [open, setOpen] = useState<number | null>(null);
  return (
    <>
      <h1>Terms and conditions</h1>
      <p className="muted">
        Each published version is in force at once and never changes; affiliates accept the version in force
        when they sign up, and the portal asks them to accept each new one.
      </p>
      {canPublish && <PublishForm />}
      {versions.isPending && <p className="muted">Loading…</p>}
      {versions.isError && <p className="form-summary">{versions.error.message}</p>}
      {versions.data && versions.data.data.length === 0 && (
        <p className="muted">No version published yet: the portal shows no terms.</p>
      )}
      {versions.data && versions.data.data.length > 0 && (
        <section className="panel">
          <h2>Published versions</h2>
          <div className="table-scroll">
            <table aria-label="Terms versions">
              <thead>
                <tr>
                  <th>Version</th>
                  <th>Title</th>
                  <th>Published</th>
                  <th>By</th>
                  <th>Accepted by</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {versions.data.data.map((v, i) => (
                  <tr key={v.id}>
                    <td>
                      {v.version}
                      {i === 0 && <span className="badge badge-ok"> in force</span>}
                    </td>
                    <td>{v.title}</td>
                    <td>{formatDateTime(v.published_at)}</td>
                    <td>{v.published_by}</td>
                    <td>{v.accepted_count === 1 ? '1 affiliate' : `${v.accepted_count} affiliates`}</td>
                    <td>
                      <button
                        type="button"
                        className="button-secondary"
                        aria-expanded={open === v.id}
                        onClick={() => setOpen(open === v.id ? null : v.id)}
                      >
                        {open === v.id ? 'Hide text' : 'Show text'}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {versions.data.data
            .filter((v) => v.id === open)
            .map((v) => (
              <article key={v.id} className="terms-preview">
                <h3>
                  Version {v.version}: {v.title}
                </h3>
                {v.summary && <p className="muted">What changed: {v.summary}</p>}
                <pre className="terms-body">{v.body}</pre>
              </article>
            ))}
        </section>
      )}
    </>
  );
}

function PublishForm() {
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [summary, setSummary] = useState('');
  const publish = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/terms-versions', { body: { title, body, ...(summary ? { summary } : {}) } })),
    onSuccess: async () => {
      setTitle('');
      setBody('');
      setSummary('');
      await queryClient.invalidateQueries({ queryKey: termsVersionsQuery.queryKey });
    },
    onError: errors.fail,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    publish.reset();
    publish.mutate();
  }

  return (
    <form className="panel form" onSubmit={submit} noValidate aria-label="Publish a new version">
      <h2>Publish a new version</h2>
      <FormSummary message={errors.summary} problems={errors.problems} />
      <TextField
        label="Title"
        id={errors.idOf('title')}
        value={title}
        maxLength={200}
        onChange={(value) => {
          errors.clear('title');
          setTitle(value);
        }}
        error={errors.field('title')}
      />
      <TextAreaField
        label="What changed"
        id={errors.idOf('summary')}
        value={summary}
        rows={2}
        onChange={(value) => {
          errors.clear('summary');
          setSummary(value);
        }}
        error={errors.field('summary')}
      />
      <TextAreaField
        label="Terms"
        id={errors.idOf('body')}
        value={body}
        rows={10}
        onChange={(value) => {
          errors.clear('body');
          setBody(value);
        }}
        error={errors.field('body')}
      />
      <p className="hint">
        Plain text; a blank line starts a new paragraph. A published version cannot be edited.
      </p>
      <button type="submit" disabled={publish.isPending}>
        {publish.isPending ? 'Publishing…' : 'Publish'}
      </button>
      {publish.isSuccess && <p role="status">Version {publish.data.version} published.</p>}
    </form>
  );
}
