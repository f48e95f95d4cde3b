import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { FormSummary } from '../../components/FormSummary.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { METHOD_FIELDS, methodLabel, type PaymentMethod } from './api.ts';

const VERIFICATION: Record<string, string> = {
  not_required: '',
  unverified: 'Upload a bank statement to verify it',
  pending: 'Statement under review',
  approved: 'Verified',
  declined: 'Statement declined: upload another',
};

function readFile(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(',')[1] ?? '');
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** The wallet's methods (masked), one of each type: add, delete, verify a bank account. */
export function PaymentMethods({ methods }: { methods: readonly PaymentMethod[] }) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['portal', 'wallet'] });
  const free = Object.keys(METHOD_FIELDS).filter((type) => !methods.some((m) => m.type === type));
  const [type, setType] = useState(free[0] ?? 'other');
  const fields = METHOD_FIELDS[type] ?? [];
  const labels = Object.fromEntries([['type', 'Type'], ...fields.map((f) => [`details.${f.key}`, f.label])]);
  const errors = useFormErrors(labels);
  const [values, setValues] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: () => {
      const details = Object.fromEntries(
        fields.map((f) => [f.key, values[f.key] ?? '']).filter(([, v]) => v !== ''),
      );
      return unwrap(api.POST('/api/partner/v1/payment-methods', { body: { type, details } }));
    },
    onSuccess: async () => {
      setValues({});
      await refresh();
    },
    onError: errors.fail,
  });
  const remove = useMutation({
    mutationFn: (id: number) =>
      unwrap(api.DELETE('/api/partner/v1/payment-methods/{id}', { params: { path: { id } } })),
    onSuccess: refresh,
  });
  const upload = useMutation({
    mutationFn: async ({ id, file }: { id: number; file: File }) =>
      unwrap(
        api.POST('/api/partner/v1/payment-methods/{id}/bank-statements', {
          params: { path: { id } },
          body: { file_name: file.name, content_base64: await readFile(file) },
        }),
      ),
    onSuccess: refresh,
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    add.mutate();
  }
  return (
    <section className="panel" aria-labelledby="methods-heading">
      <h2 id="methods-heading">Payment methods</h2>
      <DataTable
        rows={methods}
        empty="No payment method yet: add one to withdraw."
        columns={[
          { label: 'Type', cell: (m) => methodLabel(m.type) },
          {
            label: 'Details',
            cell: (m) => (
              <span className="summary-cell">
                {Object.entries(m.details)
                  .map(([k, v]) => `${k.replaceAll('_', ' ')}: ${String(v)}`)
                  .join(' · ')}
              </span>
            ),
          },
          {
            label: 'Status',
            cell: (m) =>
              m.type === 'bank_transfer' ? (
                <>
                  {VERIFICATION[m.verification]}
                  {m.verification !== 'approved' && m.verification !== 'pending' && (
                    <label className="file-input">
                      <span className="visually-hidden">Bank statement for {methodLabel(m.type)}</span>
                      <input
                        type="file"
                        accept="application/pdf,image/png,image/jpeg"
                        onChange={(e) => {
                          const file = e.target.files?.[0];
                          if (file) upload.mutate({ id: m.id, file });
                        }}
                      />
                    </label>
                  )}
                </>
              ) : (
                'Ready'
              ),
          },
          {
            label: 'Actions',
            hiddenLabel: true,
            cell: (m) => (
              <button type="button" className="secondary" onClick={() => remove.mutate(m.id)}>
                Delete {methodLabel(m.type)}
              </button>
            ),
          },
        ]}
      />
      {(remove.error || upload.error) && (
        <p role="alert" className="error">
          {(remove.error ?? upload.error)?.message}
        </p>
      )}
      {free.length > 0 && (
        <form className="form" onSubmit={submit} noValidate aria-label="Add a payment method">
          <h3>Add a payment method</h3>
          <FormSummary message={errors.summary} problems={errors.problems} />
          <SelectField
            id={errors.idOf('type')}
            label="Type"
            value={type}
            onChange={(next) => {
              setType(next);
              setValues({});
              errors.reset();
            }}
            options={free.map((t) => ({ value: t, label: methodLabel(t) }))}
            error={errors.field('type')}
          />
          {fields.map((f) => (
            <TextField
              key={`${type}-${f.key}`}
              id={errors.idOf(`details.${f.key}`)}
              label={f.label}
              value={values[f.key] ?? ''}
              onChange={(v) => setValues((old) => ({ ...old, [f.key]: v }))}
              error={errors.field(`details.${f.key}`)}
            />
          ))}
          <button type="submit" disabled={add.isPending}>
            Add method
          </button>
        </form>
      )}
    </section>
  );
}
