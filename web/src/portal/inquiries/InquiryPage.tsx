import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextAreaField } from '../../components/TextAreaField.tsx';
import { FilePicker } from '../../correspondence/FilePicker.tsx';
import { toUploads } from '../../correspondence/files.ts';
import { InquiryDetails } from '../../correspondence/InquiryDetails.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';

/** One inquiry: what was asked, my answers, and the form to answer while it waits for me. */
export function InquiryPage() {
  const id = Number(useParams({ strict: false }).id);
  const queryClient = useQueryClient();
  const inquiry = useQuery({
    queryKey: ['portal', 'inquiries', id],
    queryFn: () => unwrap(api.GET('/api/partner/v1/inquiries/{id}', { params: { path: { id } } })),
  });
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const errors = useFormErrors({ body: 'Answer', files: 'Files' });
  const answer = useMutation({
    mutationFn: async () =>
      unwrap(
        api.POST('/api/partner/v1/inquiries/{id}/answer', {
          params: { path: { id } },
          body: { body, files: await toUploads(files) },
        }),
      ),
    onMutate: () => errors.reset(),
    onError: (error) => errors.fail(error),
    onSuccess: async () => {
      setBody('');
      setFiles([]);
      await queryClient.invalidateQueries({ queryKey: ['portal', 'inquiries'] });
    },
  });
  const data = inquiry.data;
  const waiting = data?.status === 'open' || data?.status === 'rejected';
  const fileError = errors.problems.find((p) => p.path.startsWith('files'))?.message;
  return (
    <>
      <p>
        <Link to="/portal/inquiries">← Inquiries</Link>
      </p>
      <h1>{data?.subject ?? 'Inquiry'}</h1>
      {inquiry.isError && <p className="form-summary">{inquiry.error.message}</p>}
      {data?.status === 'rejected' && data.decision_comment && (
        <p className="panel notice">Your answer needs more: {data.decision_comment}</p>
      )}
      {data && <InquiryDetails inquiry={data} base="/api/partner/v1/correspondence-files" />}
      {waiting && (
        <section className="panel" aria-labelledby="answer">
          <h2 id="answer">Your answer</h2>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              answer.mutate();
            }}
          >
            <FormSummary message={errors.summary} problems={errors.problems} />
            <TextAreaField
              id={errors.idOf('body')}
              label="Answer"
              value={body}
              rows={5}
              onChange={(v) => {
                setBody(v);
                errors.clear('body');
              }}
              error={errors.field('body')}
            />
            <FilePicker id={errors.idOf('files')} files={files} onChange={setFiles} error={fileError} />
            <button type="submit" disabled={answer.isPending}>
              Send answer
            </button>
          </form>
        </section>
      )}
    </>
  );
}
