import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { Pager } from '../../components/Pager.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { FilePicker } from '../../correspondence/FilePicker.tsx';
import { toUpload } from '../../correspondence/files.ts';
import { formatDateTime, sentenceCase } from '../../format.ts';
import { useFormErrors } from '../../forms/use-form-errors.ts';

const KINDS = ['identity', 'proof_of_address', 'company_registration', 'tax_form', 'other'];
const STATUS: Record<string, string> = { pending: 'Pending', approved: 'Approved', declined: 'Declined' };
const PAGE_SIZE = 20;

/** Documents for the program's verification: upload, follow the decision, delete while pending. */
export function DocumentsPage() {
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['portal', 'documents', page],
    queryFn: () =>
      unwrap(api.GET('/api/partner/v1/documents', { params: { query: { page, page_size: PAGE_SIZE } } })),
  });
  const [kind, setKind] = useState('');
  const [description, setDescription] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const errors = useFormErrors({ kind: 'Kind', description: 'Description', content_base64: 'File' });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['portal', 'documents'] });
  const upload = useMutation({
    mutationFn: async () => {
      const file = files[0];
      const sent = file ? await toUpload(file) : { file_name: '', content_base64: '' };
      return unwrap(
        api.POST('/api/partner/v1/documents', { body: { kind, description: description || null, ...sent } }),
      );
    },
    onMutate: () => errors.reset(),
    onError: (error) => errors.fail(error),
    onSuccess: async () => {
      setKind('');
      setDescription('');
      setFiles([]);
      // The new document is the newest: on the first page.
      setPage(1);
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (id: number) =>
      unwrap(api.DELETE('/api/partner/v1/documents/{id}', { params: { path: { id } } })),
    onSuccess: refresh,
  });
  const rows = list.data?.data ?? [];
  return (
    <>
      <h1>Documents</h1>
      <p className="muted">
        The program may ask to verify your documents. Pending ones wait for its review; you may delete a
        document while it is pending. Bank statements are uploaded on their bank account (Wallet) and show
        here too.
      </p>
      <section className="panel" aria-labelledby="upload-document">
        <h2 id="upload-document">Upload a new document</h2>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            upload.mutate();
          }}
        >
          <FormSummary message={errors.summary} problems={errors.problems} />
          <SelectField
            id={errors.idOf('kind')}
            label="Kind"
            value={kind}
            onChange={setKind}
            empty="Choose a kind"
            options={KINDS.map((k) => ({ value: k, label: sentenceCase(k) }))}
            error={errors.field('kind')}
          />
          <TextField
            id={errors.idOf('description')}
            label="Description (optional)"
            value={description}
            onChange={setDescription}
            error={errors.field('description')}
          />
          <FilePicker
            id={errors.idOf('content_base64')}
            files={files}
            onChange={(f) => setFiles(f.slice(0, 1))}
            error={errors.field('content_base64')}
          />
          <button type="submit" disabled={upload.isPending}>
            Upload document
          </button>
        </form>
      </section>
      {list.isError && <p className="form-summary">{list.error.message}</p>}
      {list.data && rows.length === 0 && <p className="muted">No documents yet.</p>}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Documents">
            <thead>
              <tr>
                <th>Document</th>
                <th>Kind</th>
                <th>Status</th>
                <th>Uploaded</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={`${d.source}-${d.id}`}>
                  <td>
                    {d.source === 'document' ? (
                      <a href={`/api/partner/v1/documents/${d.id}/file`}>{d.file_name}</a>
                    ) : (
                      d.file_name
                    )}
                    {d.description && <div className="muted">{d.description}</div>}
                  </td>
                  <td>{sentenceCase(d.kind)}</td>
                  <td>
                    <span className={`badge status-${d.status}`}>{STATUS[d.status]}</span>
                    {d.decision_comment && <div className="muted">{d.decision_comment}</div>}
                  </td>
                  <td>{formatDateTime(d.created_at)}</td>
                  <td>
                    {d.source === 'document' && d.status === 'pending' && (
                      <button
                        type="button"
                        className="button-secondary"
                        disabled={remove.isPending}
                        onClick={() => remove.mutate(d.id)}
                      >
                        Delete<span className="visually-hidden"> {d.file_name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.data && list.data.paging.total > PAGE_SIZE && (
        <Pager
          page={page}
          pageSize={PAGE_SIZE}
          total={list.data.paging.total}
          onPage={setPage}
          label="Document pages"
        />
      )}
    </>
  );
}
