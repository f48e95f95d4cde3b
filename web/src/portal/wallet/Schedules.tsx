import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { FormSummary } from '../../components/FormSummary.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { inputToMinor } from '../../forms/amount.ts';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { type Balance, methodLabel, type PaymentMethod, type Schedule } from './api.ts';
import { shown } from './money.ts';

const FREQUENCIES = [
  { value: 'daily', label: 'Every day' },
  { value: 'monthly', label: 'Monthly, on the 1st' },
  { value: 'weekdays', label: 'On chosen weekdays' },
  { value: 'dates', label: 'On chosen dates of the month' },
];
const FIELDS = {
  currency: 'Currency',
  payment_method_id: 'Pay to',
  frequency: 'When',
  weekdays: 'Weekdays',
  month_days: 'Dates',
  min_amount: 'Minimum',
  max_amount: 'Maximum',
  reserve_amount: 'Keep in the balance',
} as const;
const numbers = (text: string) =>
  text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number);

function when(s: Schedule): string {
  if (s.frequency === 'weekdays') return `Weekdays ${s.weekdays.join(', ')} (1 is Monday)`;
  if (s.frequency === 'dates')
    return `Dates ${s.month_days.join(', ')} (29-31: the month's last day when shorter)`;
  return FREQUENCIES.find((f) => f.value === s.frequency)?.label ?? s.frequency;
}

/** Automatic cash-outs: one schedule per currency. */
export function Schedules(props: {
  schedules: readonly Schedule[];
  balances: readonly Balance[];
  methods: readonly PaymentMethod[];
  unitOf(code: string): number;
}) {
  const { schedules, balances, methods, unitOf } = props;
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [currency, setCurrency] = useState(balances[0]?.currency ?? 'EUR');
  const [methodId, setMethodId] = useState(methods[0] ? String(methods[0].id) : '');
  const [frequency, setFrequency] = useState('monthly');
  const [days, setDays] = useState('');
  const [min, setMin] = useState('');
  const [max, setMax] = useState('');
  const [reserve, setReserve] = useState('0');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['portal', 'wallet'] });
  const save = useMutation({
    mutationFn: (body: { min_amount: number; max_amount: number; reserve_amount: number }) =>
      unwrap(
        api.POST('/api/partner/v1/cash-out-schedules', {
          body: {
            currency,
            payment_method_id: Number(methodId),
            frequency,
            ...(frequency === 'weekdays' ? { weekdays: numbers(days) } : {}),
            ...(frequency === 'dates' ? { month_days: numbers(days) } : {}),
            ...body,
          },
        }),
      ),
    onSuccess: refresh,
    onError: errors.fail,
  });
  const remove = useMutation({
    mutationFn: (id: number) =>
      unwrap(api.DELETE('/api/partner/v1/cash-out-schedules/{id}', { params: { path: { id } } })),
    onSuccess: refresh,
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const unit = unitOf(currency);
    const parsed = {
      min_amount: inputToMinor(min, unit),
      max_amount: inputToMinor(max, unit),
      reserve_amount: inputToMinor(reserve || '0', unit),
    };
    let ok = true;
    for (const [key, p] of Object.entries(parsed)) {
      if (p.ok) continue;
      ok = false;
      errors.setField(key, p.message);
    }
    if (!ok) return;
    const minor = (p: (typeof parsed)['min_amount']) => (p.ok ? p.minor : 0);
    save.mutate({
      min_amount: minor(parsed.min_amount),
      max_amount: minor(parsed.max_amount),
      reserve_amount: minor(parsed.reserve_amount),
    });
  }
  return (
    <section className="panel" aria-labelledby="schedules-heading">
      <h2 id="schedules-heading">Automatic cash-outs</h2>
      <DataTable
        rows={schedules}
        empty="No automatic cash-out: withdraw by hand, or set a schedule below."
        columns={[
          { label: 'Currency', cell: (s) => s.currency },
          { label: 'When', cell: (s) => when(s) },
          {
            label: 'Amounts',
            cell: (s) =>
              `${shown(Number(s.min_amount), s.currency, unitOf(s.currency))} to ${shown(Number(s.max_amount), s.currency, unitOf(s.currency))}, keeping ${shown(Number(s.reserve_amount), s.currency, unitOf(s.currency))}`,
          },
          {
            label: 'Pay to',
            cell: (s) => methodLabel(methods.find((m) => m.id === s.payment_method_id)?.type ?? ''),
          },
          {
            label: 'Actions',
            hiddenLabel: true,
            cell: (s) => (
              <button type="button" className="secondary" onClick={() => remove.mutate(s.id)}>
                Stop
              </button>
            ),
          },
        ]}
      />
      <form className="form" onSubmit={submit} noValidate aria-label="Set an automatic cash-out">
        <h3>Set an automatic cash-out</h3>
        <FormSummary message={errors.summary} problems={errors.problems} />
        <TextField
          id={errors.idOf('currency')}
          label="Currency"
          value={currency}
          onChange={setCurrency}
          error={errors.field('currency')}
        />
        <SelectField
          id={errors.idOf('payment_method_id')}
          label="Pay to"
          value={methodId}
          onChange={setMethodId}
          empty={methods.length ? undefined : 'Add a payment method first'}
          options={methods.map((m) => ({ value: String(m.id), label: methodLabel(m.type) }))}
          error={errors.field('payment_method_id')}
        />
        <SelectField
          id={errors.idOf('frequency')}
          label="When"
          value={frequency}
          onChange={setFrequency}
          options={FREQUENCIES}
          error={errors.field('frequency')}
        />
        {(frequency === 'weekdays' || frequency === 'dates') && (
          <TextField
            id={errors.idOf(frequency === 'weekdays' ? 'weekdays' : 'month_days')}
            label={
              frequency === 'weekdays'
                ? 'Weekdays (1 Monday to 7 Sunday, e.g. 1, 3)'
                : 'Dates (1 to 31, e.g. 15, 31)'
            }
            value={days}
            onChange={setDays}
            error={errors.field(frequency === 'weekdays' ? 'weekdays' : 'month_days')}
          />
        )}
        <TextField
          id={errors.idOf('min_amount')}
          label="Minimum"
          inputMode="decimal"
          value={min}
          onChange={setMin}
          error={errors.field('min_amount')}
        />
        <TextField
          id={errors.idOf('max_amount')}
          label="Maximum"
          inputMode="decimal"
          value={max}
          onChange={setMax}
          error={errors.field('max_amount')}
        />
        <TextField
          id={errors.idOf('reserve_amount')}
          label="Keep in the balance"
          inputMode="decimal"
          value={reserve}
          onChange={setReserve}
          error={errors.field('reserve_amount')}
        />
        <button type="submit" disabled={save.isPending || !methodId}>
          Save schedule
        </button>
        {save.isSuccess && <p role="status">Saved: automatic cash-outs in {save.data.currency} are on.</p>}
      </form>
    </section>
  );
}
