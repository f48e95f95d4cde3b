import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { sentenceCase } from '../../format.ts';
import { useFormErrors } from '../../forms/use-form-errors.ts';

export interface RoleInfo {
  role: 'admin' | 'affiliate_manager' | 'finance' | 'support' | 'read_only';
  description: string;
}

const FIELDS = ['email', 'name', 'role', 'managed_affiliates_only'] as const;

export function CreateStaffForm({ roles }: { roles: RoleInfo[] }) {
  const id = useId();
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<RoleInfo['role']>('read_only');
  const [limited, setLimited] = useState(false);
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/staff', {
          body: { email, name, role, managed_affiliates_only: role === 'affiliate_manager' && limited },
        }),
      ),
    onSuccess: async () => {
      setEmail('');
      setName('');
      await queryClient.invalidateQueries({ queryKey: ['staff'] });
    },
    onError: errors.fail,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    create.mutate();
  }

  return (
    <form id="create-staff" className="panel form" onSubmit={submit} noValidate>
      <h2>Add a staff user</h2>
      <p className="muted">They get an email with a link to set their password.</p>
      <FormSummary message={errors.summary} />
      <TextField
        label="Email"
        type="email"
        required
        value={email}
        onChange={setEmail}
        error={errors.field('email')}
      />
      <TextField label="Name" value={name} onChange={setName} error={errors.field('name')} />
      <div className="field">
        <label htmlFor={`${id}-role`}>Role</label>
        <select
          id={`${id}-role`}
          value={role}
          onChange={(event) => setRole(event.target.value as RoleInfo['role'])}
        >
          {roles.map((r) => (
            <option key={r.role} value={r.role}>
              {sentenceCase(r.role)}
            </option>
          ))}
        </select>
        <p className="hint">{roles.find((r) => r.role === role)?.description}</p>
      </div>
      {role === 'affiliate_manager' && (
        <div className="checkbox">
          <input
            id={`${id}-limited`}
            type="checkbox"
            checked={limited}
            onChange={(event) => setLimited(event.target.checked)}
          />
          <label htmlFor={`${id}-limited`}>Only the affiliates they manage</label>
        </div>
      )}
      <button type="submit" disabled={create.isPending}>
        Add staff user
      </button>
      {create.isSuccess && (
        <p role="status">{create.data.email} was added; the set-password email is on its way.</p>
      )}
    </form>
  );
}
