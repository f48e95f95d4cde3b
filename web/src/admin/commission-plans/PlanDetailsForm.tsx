import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextAreaField } from '../../components/TextAreaField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { AffiliatePicker } from '../tracking/AffiliatePicker.tsx';
import { type Plan, updatePlan } from './api.ts';

const FIELDS = {
  name: 'Name',
  description: 'Description',
  is_private: 'Private',
  private_affiliate_ids: 'Affiliates who see the plan',
};

/** What describes a plan, changed in place; what it pays changes only by a new version. */
export function PlanDetailsForm({ plan }: { plan: Plan }) {
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [name, setName] = useState(plan.name);
  const [description, setDescription] = useState(plan.description ?? '');
  const [isPrivate, setIsPrivate] = useState(plan.is_private);
  const [ids, setIds] = useState(plan.private_affiliate_ids);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      updatePlan(plan.id, {
        name,
        description: description.trim() || null,
        is_private: isPrivate,
        private_affiliate_ids: isPrivate ? ids : [],
      }),
    onSuccess: async () => {
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ['commission-plans'] });
    },
    onError: errors.fail,
  });
  const changed = (path: string, set: (v: string) => void) => (v: string) => {
    errors.clear(path);
    setSaved(false);
    set(v);
  };
  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    save.mutate();
  }
  return (
    <form className="panel form" onSubmit={submit} noValidate aria-label="Plan details">
      <h2>Details</h2>
      <FormSummary message={errors.summary} problems={errors.problems} />
      <TextField
        id={errors.idOf('name')}
        label="Name"
        value={name}
        onChange={changed('name', setName)}
        error={errors.field('name')}
      />
      <TextAreaField
        id={errors.idOf('description')}
        label="Description"
        value={description}
        onChange={changed('description', setDescription)}
        error={errors.field('description')}
      />
      <label className="checkbox">
        <input type="checkbox" checked={isPrivate} onChange={(e) => setIsPrivate(e.target.checked)} />
        Private: only the affiliates chosen below see it and may be given it
      </label>
      {isPrivate && (
        <AffiliatePicker
          label="Affiliates who see the plan"
          ids={ids}
          onChange={(next) => {
            errors.clear('private_affiliate_ids');
            setIds(next);
          }}
          error={errors.field('private_affiliate_ids')}
        />
      )}
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          Save details
        </button>
        {saved && (
          <span role="status" className="muted">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}
