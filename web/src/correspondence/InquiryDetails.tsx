import { formatDate, formatDateTime } from '../format.ts';
import { FileList } from './FileList.tsx';
import { STATUS_LABEL } from './files.ts';
import './correspondence.css';

/** An inquiry as both APIs answer it. */
export interface InquiryShape {
  subject: string;
  expected_reply: string;
  due_date: string | null;
  status: string;
  created_by: string;
  created_at: string;
  decision_comment: string | null;
  answers: {
    id: number;
    body: string;
    files: { id: number; file_name: string; size_bytes: number }[];
    decision: string | null;
    decision_comment: string | null;
    answered_by: string;
    created_at: string;
  }[];
}

/** What was asked, and every answer with its files and the decision on it: both interfaces. */
export function InquiryDetails({
  inquiry,
  base,
}: {
  inquiry: InquiryShape;
  base: '/api/v1/correspondence-files' | '/api/partner/v1/correspondence-files';
}) {
  return (
    <>
      <dl className="details">
        <dt>Status</dt>
        <dd data-testid="inquiry-status">{STATUS_LABEL[inquiry.status] ?? inquiry.status}</dd>
        <dt>What the answer must contain</dt>
        <dd className="body-text">{inquiry.expected_reply}</dd>
        <dt>Due</dt>
        <dd>{formatDate(inquiry.due_date, 'No due date')}</dd>
        <dt>Asked</dt>
        <dd>
          {formatDateTime(inquiry.created_at)} by {inquiry.created_by}
        </dd>
      </dl>
      <h3>Answers</h3>
      {inquiry.answers.length === 0 && <p className="muted">No answer yet.</p>}
      {inquiry.answers.map((a) => (
        <article key={a.id} className="answer" data-testid="inquiry-answer">
          <p className="meta">
            {formatDateTime(a.created_at)} · {a.answered_by}
            {a.decision && ` · ${a.decision === 'accepted' ? 'Accepted' : 'Rejected'}`}
          </p>
          <p className="body-text">{a.body}</p>
          <FileList files={a.files} base={base} />
          {a.decision_comment && (
            <p>
              <strong>Operator's comment:</strong> {a.decision_comment}
            </p>
          )}
        </article>
      ))}
    </>
  );
}
