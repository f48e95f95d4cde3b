import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { FormSummary } from '../../components/FormSummary.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextAreaField } from '../../components/TextAreaField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { CurrencyPicker, useMinorUnit } from '../../reference/pickers.tsx';
import { fromLocalInput } from '../list-params.ts';
import { AffiliatePicker } from '../tracking/AffiliatePicker.tsx';
import { useBrandOptions } from '../tracking/api.ts';
import { createPlan, type Plan, publishVersion } from './api.ts';
import { CpaSection } from './CpaSection.tsx';
import { CplSection } from './CplSection.tsx';
import { type Definition, type Draft, definitionOf, draftOf, emptyDraft, fieldsOf } from './draft.ts';
import { RevShareSection } from './RevShareSection.tsx';
import { SaleShareSection } from './SaleShareSection.tsx';
import { SubAffiliateSection } from './SubAffiliateSection.tsx';
import { WorkedExample } from './WorkedExample.tsx';
import './commission-plans.css';

const BINDING = [
  { value: 'keep', label: 'Keep the version in force when they were bound' },
  { value: 'latest', label: 'Follow each new version' },
];

/**
 * The plan editor: a new plan with its first version, or the next version of `plan`. Each
 * component is a section switched on or off; money is typed in major units of the plan's
 * currency; the worked example beside it shows what the draft pays a sample customer.
 */
export function PlanEditor({ plan }: { plan?: Plan }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const brandOptions = useBrandOptions();
  const [name, setName] = useState('');
  const [brandId, setBrandId] = useState('');
  const [currency, setCurrency] = useState(plan?.currency ?? '');
  const [description, setDescription] = useState('');
  const [isPrivate, setIsPrivate] = useState(false);
  const [privateIds, setPrivateIds] = useState<number[]>([]);
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [binding, setBinding] = useState(plan?.current_version?.customer_binding ?? 'keep');
  const [note, setNote] = useState('');
  const minorUnit = useMinorUnit(currency || 'EUR');
  const [draft, setDraft] = useState<Draft>(() =>
    plan?.current_version ? draftOf(plan.current_version.definition as Definition, minorUnit) : emptyDraft(),
  );
  const errors = useFormErrors(fieldsOf(draft));

  const change = (path: string, update: (d: Draft) => void) => {
    errors.clear(path);
    setDraft((d) => {
      const next = structuredClone(d);
      update(next);
      return next;
    });
  };
  const field = (path: string) => ({ id: errors.idOf(path), error: errors.field(path) });
  const set = (path: string, setter: (v: string) => void) => (v: string) => {
    errors.clear(path);
    setter(v);
  };

  const { definition, problems } = definitionOf(draft, minorUnit);
  const save = useMutation({
    mutationFn: async () => {
      const version = {
        definition,
        ...(effectiveFrom ? { effective_from: fromLocalInput(effectiveFrom) } : {}),
        customer_binding: binding as 'keep' | 'latest',
        note: note.trim() || null,
      };
      if (plan) {
        await publishVersion(plan.id, version);
        return plan.id;
      }
      const created = await createPlan({
        name,
        brand_id: Number(brandId) as number,
        currency,
        description: description.trim() || null,
        is_private: isPrivate,
        ...(isPrivate ? { private_affiliate_ids: privateIds } : {}),
        ...version,
      });
      return created.id;
    },
    onSuccess: async (id) => {
      await queryClient.invalidateQueries({ queryKey: ['commission-plans'] });
      await navigate({ to: '/admin/commission-plans/$id', params: { id: String(id) } });
    },
    onError: (error) => {
      errors.fail(error);
      // The browser's words for what it could not read, beside the server's for the rest.
      for (const [path, message] of Object.entries(problems)) errors.setField(path, message);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    save.mutate();
  }

  const shownCurrency = currency || '—';
  const sections = { draft, change, errors, currency: shownCurrency };
  return (
    <div className="plan-editor">
      <form
        className="plan-form form"
        onSubmit={submit}
        noValidate
        aria-label={plan ? 'New version' : 'New commission plan'}
      >
        <FormSummary message={errors.summary} problems={errors.problems} />
        <section className="panel">
          {!plan && (
            <>
              <TextField label="Name" value={name} onChange={set('name', setName)} {...field('name')} />
              <div className="row">
                <SelectField
                  label="Brand"
                  value={brandId}
                  empty="Choose a brand"
                  options={brandOptions}
                  onChange={set('brand_id', setBrandId)}
                  {...field('brand_id')}
                />
                <CurrencyPicker
                  label="Currency"
                  value={currency}
                  onChange={set('currency', setCurrency)}
                  hint="The plan pays in this currency"
                  {...field('currency')}
                />
              </div>
              <TextAreaField
                label="Description"
                value={description}
                onChange={set('description', setDescription)}
                {...field('description')}
              />
              <label className="checkbox">
                <input type="checkbox" checked={isPrivate} onChange={(e) => setIsPrivate(e.target.checked)} />
                Private: only the affiliates chosen below see it and may be given it
              </label>
              {isPrivate && (
                <AffiliatePicker
                  label="Affiliates who see the plan"
                  ids={privateIds}
                  onChange={(ids) => {
                    errors.clear('private_affiliate_ids');
                    setPrivateIds(ids);
                  }}
                  error={errors.field('private_affiliate_ids')}
                />
              )}
            </>
          )}
          <div className="row">
            <TextField
              label="Effective from"
              type="datetime-local"
              value={effectiveFrom}
              onChange={set('effective_from', setEffectiveFrom)}
              hint={plan ? "Empty: now; never before the latest version's" : 'Empty: now'}
              {...field('effective_from')}
            />
            <SelectField
              label="Customers follow"
              value={binding}
              options={BINDING}
              onChange={set('customer_binding', setBinding as (v: string) => void)}
              {...field('customer_binding')}
            />
          </div>
          <TextField
            label="Note"
            value={note}
            onChange={set('note', setNote)}
            hint="Why this version: shown in the versions list"
            {...field('note')}
          />
        </section>
        <p
          id={errors.idOf('definition')}
          tabIndex={-1}
          className={errors.field('definition') ? 'field-error' : 'visually-hidden'}
        >
          {errors.field('definition') ?? ''}
        </p>
        <CplSection {...sections} />
        <CpaSection {...sections} />
        <RevShareSection {...sections} />
        <SaleShareSection {...sections} />
        <SubAffiliateSection {...sections} />
        <div className="actions">
          <button type="submit" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : plan ? `Publish version ${plan.latest_version + 1}` : 'Create plan'}
          </button>
        </div>
      </form>
      <WorkedExample
        definition={Object.keys(problems).length ? null : definition}
        currency={shownCurrency}
        minorUnit={minorUnit}
      />
    </div>
  );
}
