import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { defaultMinorUnit } from '../../customers/money.ts';
import { inputToMinor, minorToInput } from '../../forms/amount.ts';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import type { SiteShape } from '../../sites/site-labels.ts';
import { siteCategoriesQuery } from './SitesPage.tsx';

const LABELS = {
  name: 'Name',
  url: 'Address',
  notification_url: 'Notification address (optional)',
  category_code: 'Category',
  price_from: 'Lowest price (optional)',
  price_till: 'Highest price (optional)',
  price_currency: 'Currency of the prices',
  support_email: 'Support email (optional)',
  support_phone: 'Support phone (optional)',
};
type Key = keyof typeof LABELS;

function initial(site: SiteShape | null): Record<Key, string> {
  const unit = defaultMinorUnit(site?.price_currency ?? 'EUR');
  const money = (v: number | null | undefined) =>
    v === null || v === undefined ? '' : minorToInput(v, unit);
  return {
    name: site?.name ?? '',
    url: site?.url ?? '',
    notification_url: site?.notification_url ?? '',
    category_code: site ? String(site.category_code) : '',
    price_from: money(site?.price_from),
    price_till: money(site?.price_till),
    price_currency: site?.price_currency ?? 'EUR',
    support_email: site?.support_email ?? '',
    support_phone: site?.support_phone ?? '',
  };
}

/** Adds a site (site null) or edits one; prices are typed in major units. */
export function SiteForm({ site, onDone }: { site: SiteShape | null; onDone(): void }) {
  const queryClient = useQueryClient();
  const categories = useQuery(siteCategoriesQuery);
  const [form, setForm] = useState(() => initial(site));
  const errors = useFormErrors(LABELS);
  const save = useMutation({
    mutationFn: async () => {
      const unit = defaultMinorUnit(form.price_currency.trim().toUpperCase() || 'EUR');
      const price = (key: 'price_from' | 'price_till') => {
        if (!form[key].trim()) return null;
        const parsed = inputToMinor(form[key], unit);
        if (!parsed.ok) {
          errors.setField(key, parsed.message);
          return undefined;
        }
        return parsed.minor;
      };
      const priceFrom = price('price_from');
      const priceTill = price('price_till');
      if (priceFrom === undefined || priceTill === undefined) throw new Error('Check the prices');
      const body = {
        name: form.name,
        url: form.url,
        notification_url: form.notification_url || null,
        category_code: form.category_code ? Number(form.category_code) : 0,
        price_from: priceFrom,
        price_till: priceTill,
        price_currency: form.price_currency,
        support_email: form.support_email || null,
        support_phone: form.support_phone || null,
      };
      return site
        ? unwrap(api.PATCH('/api/partner/v1/sites/{id}', { params: { path: { id: site.id } }, body }))
        : unwrap(api.POST('/api/partner/v1/sites', { body }));
    },
    onMutate: () => errors.reset(),
    onError: (error) => {
      if (!errors.problems.length) errors.fail(error);
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['portal', 'sites'] });
      onDone();
    },
  });
  const set = (key: Key) => (value: string) => {
    setForm({ ...form, [key]: value });
    errors.clear(key);
  };
  const field = (key: Key, extra: { type?: string; inputMode?: 'decimal' } = {}) => (
    <TextField
      id={errors.idOf(key)}
      label={LABELS[key]}
      value={form[key]}
      onChange={set(key)}
      error={errors.field(key)}
      {...extra}
    />
  );
  return (
    <section className="panel" aria-labelledby="site-form">
      <h2 id="site-form">{site ? `Edit ${site.name}` : 'Add a site'}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <FormSummary message={errors.summary} problems={errors.problems} />
        {field('name')}
        {field('url', { type: 'url' })}
        <SelectField
          id={errors.idOf('category_code')}
          label={LABELS.category_code}
          value={form.category_code}
          onChange={set('category_code')}
          empty="Choose a category"
          options={(categories.data?.data ?? []).map((c) => ({
            value: String(c.code),
            label: c.description,
          }))}
          error={errors.field('category_code')}
        />
        {field('notification_url', { type: 'url' })}
        <div className="row">
          {field('price_from', { inputMode: 'decimal' })}
          {field('price_till', { inputMode: 'decimal' })}
          {field('price_currency')}
        </div>
        {field('support_email', { type: 'email' })}
        {field('support_phone', { type: 'tel' })}
        <div className="actions">
          <button type="submit" disabled={save.isPending}>
            {site ? 'Save site' : 'Add site'}
          </button>
          <button type="button" className="button-secondary" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
