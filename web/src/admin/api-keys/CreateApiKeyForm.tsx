import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { ApiKey, Scope } from '../../api/types.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { SCOPE_DESCRIPTIONS, SCOPES } from './scopes.ts';

const FIELDS = ['name', 'scopes'] as const;

interface CreateApiKeyFormProps {
  onCreated(created: { key: string; apiKey: ApiKey }): void;
}

export function CreateApiKeyForm({ onCreated }: CreateApiKeyFormProps) {
  const id = useId();
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['read']);

  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/api-keys', { body: { name, scopes } })),
    onSuccess: async (result) => {
      setName('');
      setScopes(['read']);
      onCreated({ key: result.key, apiKey: result.api_key });
      await queryClient.invalidateQueries({ queryKey: ['api-keys'] });
    },
    onError: errors.fail,
  });

  function toggle(scope: Scope, on: boolean) {
    // Kept in SCOPES order so the request (and the list afterwards) reads the same every time.
    setScopes((current) => SCOPES.filter((s) => (s === scope ? on : current.includes(s))));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    create.mutate();
  }

  const scopesError = errors.field('scopes');
  return (
    <form id="create-api-key" className="panel form" onSubmit={submit} noValidate>
      <h2>Create an API key</h2>
      <FormSummary message={errors.summary} />
      <TextField label="Name" value={name} onChange={setName} error={errors.field('name')} required />
      <fieldset aria-describedby={scopesError ? `${id}-scopes-error` : undefined}>
        <legend>Scopes</legend>
        {SCOPES.map((scope) => (
          <div className="checkbox" key={scope}>
            <input
              type="checkbox"
              id={`${id}-${scope}`}
              checked={scopes.includes(scope)}
              onChange={(event) => toggle(scope, event.target.checked)}
            />
            <label htmlFor={`${id}-${scope}`}>{scope}</label>
            <span className="muted">{SCOPE_DESCRIPTIONS[scope]}</span>
          </div>
        ))}
        {scopesError && (
          <p className="field-error" id={`${id}-scopes-error`}>
            {scopesError}
          </p>
        )}
      </fieldset>
      <button type="submit" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create key'}
      </button>
    </form>
  );
}
