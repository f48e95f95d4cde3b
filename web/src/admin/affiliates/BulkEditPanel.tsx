import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { optionsOf, SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { CurrencyPicker } from '../../reference/pickers.tsx';
import { type BulkEditBody, type BulkEditResult, STATUSES, useStaffOptions } from './api.ts';
import { BulkPreview } from './BulkPreview.tsx';
import { BULK_CHOICES, type BulkOperator, operatorsFor, toValue } from './bulk-fields.ts';

interface BulkEditPanelProps {
  ids: number[];
  onClose(): void;
  onApplied(): void;
}

const FIELDS = ['fields[0].field', 'fields[0].operator', 'fields[0].value', 'affiliate_ids'] as const;

/** One field at a time: choose it, preview what each affiliate would become, then apply exactly that. */
export function BulkEditPanel({ ids, onClose, onApplied }: BulkEditPanelProps) {
  const queryClient = useQueryClient();
  const staffOptions = useStaffOptions();
  const errors = useFormErrors(FIELDS);
  const [field, setField] = useState(BULK_CHOICES[0]!.field);
  const [operator, setOperator] = useState<BulkOperator>('overwrite');
  const [raw, setRaw] = useState('');
  const [preview, setPreview] = useState<BulkEditResult | null>(null);
  const [applied, setApplied] = useState<BulkEditResult | null>(null);
  const choice = BULK_CHOICES.find((c) => c.field === field)!;

  const body = (): BulkEditBody => ({
    affiliate_ids: ids,
    fields: [
      { field, operator, ...(operator === 'clear' ? {} : { value: toValue(choice, raw) }) },
    ] as BulkEditBody['fields'],
  });
  const previewCall = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/affiliates/bulk-edit/preview', { body: body() })),
    onSuccess: setPreview,
    onError: errors.fail,
  });
  const applyCall = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/affiliates/bulk-edit/apply', {
          body: { ...body(), expected_plan_hash: preview!.plan_hash },
        }),
      ),
    onSuccess: async (result) => {
      setApplied(result);
      setPreview(null);
      onApplied();
      await queryClient.invalidateQueries({ queryKey: ['affiliates'] });
    },
    onError: errors.fail,
  });

  function change(update: () => void) {
    update();
    setPreview(null);
    setApplied(null);
    errors.reset();
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    previewCall.mutate();
  }

  const valueError = errors.field('fields[0].value');
  const canApply =
    preview && preview.summary.error === 0 && preview.summary.resource_errors === 0 && preview.summary.ok > 0;
  return (
    <form className="bulk-edit form" onSubmit={submit} noValidate aria-label="Bulk edit">
      <h2>
        Bulk edit {ids.length} {ids.length === 1 ? 'affiliate' : 'affiliates'}
      </h2>
      <FormSummary message={errors.summary} />
      <div className="row">
        <SelectField
          label="Field"
          value={field}
          options={BULK_CHOICES.map((c) => ({ value: c.field, label: c.label }))}
          onChange={(v) =>
            change(() => {
              setField(v);
              setOperator('overwrite');
              setRaw('');
            })
          }
        />
        <SelectField
          label="Operation"
          value={operator}
          options={optionsOf(operatorsFor(choice))}
          onChange={(v) => change(() => setOperator(v as BulkOperator))}
          error={errors.field('fields[0].operator')}
        />
        {operator !== 'clear' && choice.kind === 'status' && (
          <SelectField
            label="New value"
            value={raw}
            empty="Choose…"
            options={optionsOf(STATUSES)}
            onChange={(v) => change(() => setRaw(v))}
            error={valueError}
          />
        )}
        {operator !== 'clear' && choice.kind === 'staff' && (
          <SelectField
            label="New value"
            value={raw}
            empty="Nobody"
            options={staffOptions}
            onChange={(v) => change(() => setRaw(v))}
            error={valueError}
          />
        )}
        {operator !== 'clear' && choice.kind === 'boolean' && (
          <SelectField
            label="New value"
            value={raw || 'false'}
            options={[
              { value: 'true', label: 'On' },
              { value: 'false', label: 'Off' },
            ]}
            onChange={(v) => change(() => setRaw(v))}
            error={valueError}
          />
        )}
        {operator !== 'clear' && choice.kind === 'currency' && (
          <CurrencyPicker
            label="New value"
            value={raw}
            empty="None"
            onChange={(v) => change(() => setRaw(v))}
            error={valueError}
          />
        )}
        {operator !== 'clear' && ['labels', 'text', 'days'].includes(choice.kind) && (
          <TextField
            label={choice.kind === 'labels' ? 'Labels (comma separated)' : 'New value'}
            value={raw}
            onChange={(v) => change(() => setRaw(v))}
            error={valueError}
          />
        )}
      </div>
      <div className="actions">
        <button type="submit" disabled={previewCall.isPending}>
          {previewCall.isPending ? 'Previewing…' : 'Preview'}
        </button>
        <button type="button" disabled={!canApply || applyCall.isPending} onClick={() => applyCall.mutate()}>
          {applyCall.isPending ? 'Applying…' : 'Apply'}
        </button>
        <button type="button" className="button-secondary" onClick={onClose}>
          Close
        </button>
      </div>
      {applied && (
        <p className="notice panel" role="status">
          Applied: {applied.summary.ok} changed, {applied.summary.no_change} unchanged.
        </p>
      )}
      {preview && <BulkPreview result={preview} />}
    </form>
  );
}
