import { useState } from 'react';
import { FormSummary } from '../components/FormSummary.tsx';
import { TextAreaField } from '../components/TextAreaField.tsx';
import { TextField } from '../components/TextField.tsx';
import { formatDateTime } from '../format.ts';
import { useFormErrors } from '../forms/use-form-errors.ts';
import { FileList } from './FileList.tsx';
import { FilePicker } from './FilePicker.tsx';
import { toUploads } from './files.ts';
import './correspondence.css';

export interface ThreadMessage {
  id: number;
  sender: 'operator' | 'affiliate';
  sender_name: string;
  subject: string;
  body: string;
  files: { id: number; file_name: string; size_bytes: number }[];
  created_at: string;
  read_at: string | null;
}

export type Outgoing = {
  subject: string;
  body: string;
  files: { file_name: string; content_base64: string }[];
};

/** A conversation, newest first, and the form to write in it; `me` is the side reading it. */
export function Thread({
  messages,
  me,
  base,
  send,
  sending,
}: {
  messages: readonly ThreadMessage[];
  me: 'operator' | 'affiliate';
  base: '/api/v1/correspondence-files' | '/api/partner/v1/correspondence-files';
  send(message: Outgoing): Promise<unknown>;
  sending: boolean;
}) {
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [formKey, setFormKey] = useState(0);
  const errors = useFormErrors({ subject: 'Subject', body: 'Message', files: 'Files' });
  const fileError = errors.problems.find((p) => p.path.startsWith('files'))?.message;
  return (
    <>
      <form
        key={formKey}
        aria-label="New message"
        onSubmit={async (event) => {
          event.preventDefault();
          errors.reset();
          try {
            await send({ subject, body, files: await toUploads(files) });
            setSubject('');
            setBody('');
            setFiles([]);
            setFormKey((k) => k + 1);
          } catch (error) {
            errors.fail(error);
          }
        }}
      >
        <FormSummary message={errors.summary} problems={errors.problems} />
        <TextField
          id={errors.idOf('subject')}
          label="Subject"
          value={subject}
          onChange={setSubject}
          error={errors.field('subject')}
        />
        <TextAreaField
          id={errors.idOf('body')}
          label="Message"
          value={body}
          onChange={setBody}
          error={errors.field('body')}
        />
        <FilePicker id={errors.idOf('files')} files={files} onChange={setFiles} error={fileError} />
        <button type="submit" disabled={sending}>
          Send message
        </button>
      </form>
      {messages.length === 0 && <p className="muted">No messages yet.</p>}
      {messages.map((m) => (
        <article
          key={m.id}
          className={`message${m.sender !== me && !m.read_at ? ' unread' : ''}`}
          data-testid="message"
        >
          <p className="meta">
            {m.sender === me ? 'You' : m.sender === 'operator' ? 'Operator' : 'Affiliate'} ({m.sender_name}) ·{' '}
            {formatDateTime(m.created_at)}
            {m.sender === me && (m.read_at ? ' · read' : ' · not read yet')}
          </p>
          <h3>{m.subject}</h3>
          <p className="body-text">{m.body}</p>
          <FileList files={m.files} base={base} />
        </article>
      ))}
    </>
  );
}
