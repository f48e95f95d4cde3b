import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { FormSummary } from '../../components/FormSummary.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { inputToMinor } from '../../forms/amount.ts';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { type Balance, methodLabel, type PaymentMethod } from './api.ts';

const FIELDS = { currency: 'Currency', payment_method_id: 'Pay to', amount: 'Amount' } as const;

/** Ask to be paid from the available balance to one of the wallet's methods. */
export function WithdrawForm({
  balances,
  methods,
  unitOf,
}: {
  balances: readonly Balance[];
  methods: readonly PaymentMethod[];
  unitOf(code: string): number;
}) {
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [currency, setCurrency] = useState(balances[0]?.currency ?? '');
  const [methodId, setMethodId] = useState(methods[0] ? String(methods[0].id) : '');
  const [amount, setAmount] = useState('');
  const withdraw = useMutation({
    mutationFn: (minor: number) =>
      unwrap(
        api.POST('/api/partner/v1/cash-outs', {
          body: { currency, amount: minor, payment_method_id: Number(methodId) },
          headers: { 'idempotency-key': crypto.randomUUID() },
        }),
      ),
    onSuccess: async () => {
      setAmount('');
      await queryClient.invalidateQueries({ queryKey: ['portal', 'wallet'] });
    },
    onError: errors.fail,
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    const parsed = inputToMinor(amount, unitOf(currency || 'EUR'));
    if (!parsed.ok) return errors.setField('amount', parsed.message);
    withdraw.mutate(parsed.minor);
  }
  if (balances.length === 0)
    return <p className="muted">Nothing to withdraw yet: your balances appear once a bill is approved.</p>;
  return (
    <form className="panel form" onSubmit={submit} noValidate aria-label="Withdraw">
      <h2>Withdraw</h2>
      <FormSummary message={errors.summary} problems={errors.problems} />
      <SelectField
        id={errors.idOf('currency')}
        label="Currency"
        value={currency}
        onChange={setCurrency}
        options={balances.map((b) => ({ value: b.currency, label: b.currency }))}
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
      <TextField
        id={errors.idOf('amount')}
        label={`Amount (${currency || 'major units'})`}
        inputMode="decimal"
        value={amount}
        onChange={setAmount}
        error={errors.field('amount')}
      />
      <button type="submit" disabled={withdraw.isPending || !methodId}>
        Withdraw
      </button>
      {withdraw.isSuccess && <p role="status">Cash-out {withdraw.data.id} requested: it is pending.</p>}
    </form>
  );
}
