import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { optionsOf, SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { sentenceCase } from '../../format.ts';
import { inputToMinor, minorToInput } from '../../forms/amount.ts';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { currencyListQuery, useMinorUnit } from '../../reference/pickers.tsx';
import { type Affiliate, affiliateQuery, type PatchBody } from './api.ts';
import { DAYS, FREQUENCIES, FREQUENCY_DETAILS, PAYMENT_DETAILS, PAYMENT_TYPES } from './payment-fields.ts';

type Billing = NonNullable<Affiliate['relationships']['billing']>;
type Details = Record<string, string>;

const toStrings = (o: Record<string, unknown>): Details =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]));

/** Billing schedule and invoicing, and the payment method (its stored details come back masked). */
export function BillingTab({ id, currency }: { id: number; currency: string | null }) {
  const billing = useQuery(affiliateQuery(id, ['billing']));
  // The currencies' decimals, before an amount is turned into what a person types.
  const currencies = useQuery(currencyListQuery('operator'));
  const data = billing.data?.relationships.billing;
  if (billing.isPending || currencies.isPending) return <p className="muted">Loading…</p>;
  if (billing.isError || !data)
    return <p className="form-summary">{billing.error?.message ?? 'no billing settings'}</p>;
  return <BillingForm id={id} billing={data} currency={currency} />;
}

function BillingForm({ id, billing, currency }: { id: number; billing: Billing; currency: string | null }) {
  const queryClient = useQueryClient();
  // Amounts are typed in major units of the affiliate's default currency (12.50 EUR, not 1250).
  const thresholdCurrency = billing.threshold_currency ?? currency;
  const decimals = useMinorUnit(thresholdCurrency);
  const [frequency, setFrequency] = useState(billing.frequency);
  const [details, setDetails] = useState<Details>(toStrings(billing.details));
  const [settings, setSettings] = useState<Details>(
    toStrings({
      tax_id: billing.tax_id,
      payment_terms_days: billing.payment_terms_days,
      invoice_generation_delay_days: billing.invoice_generation_delay_days,
      invoice_amount_threshold: minorToInput(billing.invoice_amount_threshold, decimals),
      auto_invoice_start_date: billing.auto_invoice_start_date,
    }),
  );
  const [autoInvoice, setAutoInvoice] = useState(billing.auto_invoice);
  const [payType, setPayType] = useState(billing.payment_method.type);
  const [payDetails, setPayDetails] = useState<Record<string, string | boolean>>(
    billing.payment_method.details,
  );
  const [saved, setSaved] = useState(false);

  const paths = useMemo(
    () => [
      'billing.frequency',
      ...FREQUENCY_DETAILS[frequency].map((k) => `billing.details.${k}`),
      ...Object.keys(settings).map((k) => `billing.${k}`),
      'payment_method.type',
      ...PAYMENT_DETAILS[payType].map((k) => `payment_method.details.${k}`),
    ],
    [frequency, settings, payType],
  );
  const errors = useFormErrors(paths);
  const int = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));

  const save = useMutation({
    mutationFn: (threshold: number) => {
      const body: PatchBody = {
        billing: {
          frequency,
          details: Object.fromEntries(
            FREQUENCY_DETAILS[frequency].map((k) => [k, k === 'day_of_week' ? details[k] : int(details[k])]),
          ),
          tax_id: settings.tax_id || null,
          auto_invoice: autoInvoice,
          auto_invoice_start_date: settings.auto_invoice_start_date || null,
          payment_terms_days: int(settings.payment_terms_days) ?? 0,
          invoice_generation_delay_days: int(settings.invoice_generation_delay_days) ?? 0,
          invoice_amount_threshold: threshold,
        } as PatchBody['billing'],
        payment_method: {
          type: payType,
          details: Object.fromEntries(
            PAYMENT_DETAILS[payType]
              .filter((k) => payDetails[k] !== undefined && payDetails[k] !== '')
              .map((k) => [k, payDetails[k]!]),
          ),
        },
      };
      return unwrap(api.PATCH('/api/v1/affiliates/{id}', { params: { path: { id } }, body }));
    },
    onSuccess: async () => {
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ['affiliates'] });
    },
    onError: errors.fail,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    setSaved(false);
    const typed = settings.invoice_amount_threshold?.trim() ?? '';
    const threshold = typed === '' ? ({ ok: true, minor: 0 } as const) : inputToMinor(typed, decimals);
    if (!threshold.ok) errors.setField('billing.invoice_amount_threshold', threshold.message);
    else save.mutate(threshold.minor);
  }

  return (
    <form className="panel form" onSubmit={submit} noValidate aria-label="Billing and payment">
      <FormSummary message={errors.summary} />
      <h2>Billing</h2>
      <SelectField
        label="Billing frequency"
        value={frequency}
        options={optionsOf(FREQUENCIES)}
        onChange={(v) => setFrequency(v as typeof frequency)}
        error={errors.field('billing.frequency')}
      />
      {FREQUENCY_DETAILS[frequency].map((k) =>
        k === 'day_of_week' ? (
          <SelectField
            key={k}
            label="Day of week"
            value={details[k] ?? ''}
            empty="Choose…"
            options={optionsOf(DAYS)}
            onChange={(v) => setDetails({ ...details, [k]: v })}
            error={errors.field(`billing.details.${k}`)}
          />
        ) : (
          <TextField
            key={k}
            label={sentenceCase(k)}
            inputMode="numeric"
            value={details[k] ?? ''}
            onChange={(v) => setDetails({ ...details, [k]: v })}
            error={errors.field(`billing.details.${k}`)}
          />
        ),
      )}
      <TextField
        label="Tax id"
        value={settings.tax_id ?? ''}
        onChange={(v) => setSettings({ ...settings, tax_id: v })}
        error={errors.field('billing.tax_id')}
      />
      <TextField
        label="Payment terms (days)"
        inputMode="numeric"
        value={settings.payment_terms_days ?? ''}
        onChange={(v) => setSettings({ ...settings, payment_terms_days: v })}
        error={errors.field('billing.payment_terms_days')}
      />
      <TextField
        label="Invoice delay (days)"
        inputMode="numeric"
        value={settings.invoice_generation_delay_days ?? ''}
        onChange={(v) => setSettings({ ...settings, invoice_generation_delay_days: v })}
        error={errors.field('billing.invoice_generation_delay_days')}
      />
      <TextField
        label={thresholdCurrency ? `Invoice threshold in ${thresholdCurrency}` : 'Invoice threshold'}
        inputMode="decimal"
        hint={
          thresholdCurrency
            ? `Below it, sums roll over to the next period. In ${thresholdCurrency}, e.g. 250`
            : "Set the affiliate's default currency first: the threshold is counted in it"
        }
        value={settings.invoice_amount_threshold ?? ''}
        onChange={(v) => setSettings({ ...settings, invoice_amount_threshold: v })}
        error={errors.field('billing.invoice_amount_threshold')}
      />
      <div className="checkbox">
        <input
          id="auto-invoice"
          type="checkbox"
          checked={autoInvoice}
          onChange={(event) => setAutoInvoice(event.target.checked)}
        />
        <label htmlFor="auto-invoice">Create invoices automatically</label>
      </div>
      <TextField
        label="Automatic invoices start"
        type="date"
        value={settings.auto_invoice_start_date ?? ''}
        onChange={(v) => setSettings({ ...settings, auto_invoice_start_date: v })}
        error={errors.field('billing.auto_invoice_start_date')}
      />
      <h2>Payment method</h2>
      <SelectField
        label="Payment type"
        value={payType}
        options={optionsOf(PAYMENT_TYPES)}
        onChange={(v) => {
          setPayType(v as typeof payType);
          setPayDetails({});
        }}
        error={errors.field('payment_method.type')}
      />
      {PAYMENT_DETAILS[payType].map((k) =>
        k === 'paypal_reception_method' ? (
          <SelectField
            key={k}
            label="PayPal reception method"
            value={String(payDetails[k] ?? '')}
            empty="Choose…"
            options={optionsOf(['email', 'phone', 'paypal_account'])}
            onChange={(v) => setPayDetails({ ...payDetails, [k]: v })}
            error={errors.field(`payment_method.details.${k}`)}
          />
        ) : k === 'is_existing_payee' ? (
          <div className="checkbox" key={k}>
            <input
              id="existing-payee"
              type="checkbox"
              checked={payDetails[k] === true}
              onChange={(event) => setPayDetails({ ...payDetails, [k]: event.target.checked })}
            />
            <label htmlFor="existing-payee">Existing payee</label>
          </div>
        ) : (
          <TextField
            key={k}
            label={sentenceCase(k)}
            value={String(payDetails[k] ?? '')}
            onChange={(v) => setPayDetails({ ...payDetails, [k]: v })}
            error={errors.field(`payment_method.details.${k}`)}
          />
        ),
      )}
      <button type="submit" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save billing'}
      </button>
      {saved && <p role="status">Saved.</p>}
    </form>
  );
}
