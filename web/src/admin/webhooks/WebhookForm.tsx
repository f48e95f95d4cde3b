import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { WEBHOOK_EVENT_TYPES } from './api.ts';

const FIELDS = ['url', 'description', 'event_types'] as const;

/** A new endpoint: its URL and the events it receives; the answer shows the signing secret once. */
export function WebhookForm({ onSecret }: { onSecret(secret: string): void }) {
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [types, setTypes] = useState<string[]>([]);
  const create = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/webhooks', { body: { url, description, event_types: types as never } })),
    onSuccess: async (created) => {
      setUrl('');
      setDescription('');
      setTypes([]);
      onSecret(created.secret);
      await queryClient.invalidateQueries({ queryKey: ['admin', 'webhooks'] });
    },
    onError: errors.fail,
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    if (types.length === 0) {
      errors.setField('event_types', 'choose at least one event');
      return;
    }
    create.mutate();
  }
  const toggle = (type: string) =>
    setTypes((now) => (now.includes(type) ? now.filter((t) => t !== type) : [...now, type]));
  return (
    <form className="panel form" aria-label="New endpoint" onSubmit={submit} noValidate>
      <h2>New endpoint</h2>
      <FormSummary message={errors.summary} />
      <TextField label="URL" type="url" required value={url} onChange={setUrl} error={errors.field('url')} />
      <TextField
        label="Description"
        value={description}
        onChange={setDescription}
        error={errors.field('description')}
      />
      <fieldset>
        <legend>Events</legend>
        {WEBHOOK_EVENT_TYPES.map((type) => (
          <label key={type} className="checkbox">
            <input type="checkbox" checked={types.includes(type)} onChange={() => toggle(type)} /> {type}
          </label>
        ))}
        {errors.field('event_types') && <p className="field-error">{errors.field('event_types')}</p>}
      </fieldset>
      <button type="submit" disabled={create.isPending}>
        Add endpoint
      </button>
    </form>
  );
}
