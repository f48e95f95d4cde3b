import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { useAllows } from '../use-allows.ts';
import { brandContactsQuery } from './news-api.ts';

const FIELDS = {
  email: 'Support email',
  phone: 'Phone',
  skype: 'Skype',
  telegram: 'Telegram',
  whatsapp: 'WhatsApp',
  note: 'Note',
} as const;
type Field = keyof typeof FIELDS;
type Contacts = Record<Field, string> & { brand: { id: number; name: string } };

/** Each brand's contact details, shown on the portal's Contacts page with the affiliate's manager. */
export function BrandContactsPage() {
  const contacts = useQuery(brandContactsQuery);
  return (
    <>
      <h1>Contacts</h1>
      <p className="muted">
        How affiliates reach each brand’s team. The portal shows the enabled brands with at least one detail,
        and each affiliate’s own account manager.
      </p>
      {contacts.isPending && <p className="muted">Loading…</p>}
      {contacts.isError && <p className="form-summary">{contacts.error.message}</p>}
      {contacts.data && contacts.data.data.length === 0 && <p className="muted">No brand yet.</p>}
      {contacts.data?.data.map((c) => (
        <BrandContactsForm key={c.brand.id} contacts={c} />
      ))}
    </>
  );
}

function BrandContactsForm({ contacts }: { contacts: Contacts }) {
  const queryClient = useQueryClient();
  const canWrite = useAllows('write');
  const errors = useFormErrors(FIELDS);
  const [values, setValues] = useState<Record<Field, string>>(() => ({
    email: contacts.email,
    phone: contacts.phone,
    skype: contacts.skype,
    telegram: contacts.telegram,
    whatsapp: contacts.whatsapp,
    note: contacts.note,
  }));
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/brands/{id}/contacts', {
          params: { path: { id: contacts.brand.id } },
          body: values,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: brandContactsQuery.queryKey }),
    onError: errors.fail,
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    save.reset();
    save.mutate();
  }
  return (
    <form
      className="panel form"
      onSubmit={submit}
      noValidate
      aria-label={`Contacts of ${contacts.brand.name}`}
    >
      <h2>{contacts.brand.name}</h2>
      <FormSummary message={errors.summary} problems={errors.problems} />
      {(Object.keys(FIELDS) as Field[]).map((field) => (
        <TextField
          key={field}
          label={FIELDS[field]}
          id={errors.idOf(field)}
          value={values[field]}
          disabled={!canWrite}
          onChange={(v) => {
            errors.clear(field);
            setValues((old) => ({ ...old, [field]: v }));
          }}
          error={errors.field(field)}
        />
      ))}
      {canWrite && (
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
      )}
      {save.isSuccess && <p role="status">Saved.</p>}
    </form>
  );
}
