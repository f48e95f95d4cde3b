import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { createSource, type TrafficSource, updateSource } from './api.ts';

const FIELDS = { name: 'Name', description: 'Description' };

/** A traffic source's name and description: a new one, or a rename. */
export function SourceForm({
  source,
  onDone,
  onCancel,
}: {
  source?: TrafficSource;
  onDone(saved: TrafficSource): void;
  onCancel(): void;
}) {
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [name, setName] = useState(source?.name ?? '');
  const [description, setDescription] = useState(source?.description ?? '');
  const save = useMutation({
    mutationFn: () =>
      source ? updateSource(source.id, { name, description }) : createSource({ name, description }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['traffic-sources'] });
      onDone(saved);
    },
    onError: errors.fail,
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    // The schema wants a name of one character or more: an empty one is said here, in the same words.
    if (!name.trim()) errors.setField('name', 'must not be empty');
    else save.mutate();
  }
  const title = source ? `Rename ${source.name}` : 'New traffic source';
  return (
    <form className="panel form" onSubmit={submit} noValidate aria-label={title}>
      <h2>{title}</h2>
      <FormSummary message={errors.summary} problems={errors.problems} />
      <TextField
        id={errors.idOf('name')}
        label="Name"
        value={name}
        maxLength={64}
        onChange={(v) => {
          setName(v);
          errors.clear('name');
        }}
        hint="What affiliates pick at sign-up and on a promo, for example “SEO” or “Email”"
        error={errors.field('name')}
      />
      <TextField
        id={errors.idOf('description')}
        label="Description"
        value={description}
        maxLength={1000}
        onChange={(v) => {
          setDescription(v);
          errors.clear('description');
        }}
        error={errors.field('description')}
      />
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : source ? 'Save name' : 'Add traffic source'}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
