import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormSummary } from '../../components/FormSummary.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { formatDateTime, sentenceCase } from '../../format.ts';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { type FraudRule, MATCH_FIELDS, type RuleBody, type RuleMode, setFraudRule } from './api.ts';

const MODE_OPTIONS = [
  { value: 'off', label: 'Off' },
  { value: 'flag', label: 'Flag the customer' },
  { value: 'hold', label: 'Flag and hold its commissions' },
];

const MODE_EFFECT: Record<RuleMode, string> = {
  off: 'Nothing is checked.',
  flag: 'A matching customer is marked with this rule; its events count as usual.',
  hold: 'A matching customer is marked and held: its events from then on carry “held”, so their commissions wait for you.',
};

// The API's help names settings in `backticks`; the page shows them as code.
function Help({ text }: { text: string }) {
  return (
    <p className="muted">
      {text.split('`').map((part, i) => (i % 2 ? <code key={part}>{part}</code> : part))}
    </p>
  );
}

const FIELDS = {
  mode: 'Mode',
  'params.seconds': 'Seconds',
  'params.match': 'Match on',
  'params.countries': 'Countries allowed',
};

/** One rule of a brand: its mode and settings, saved alone; applies to events recorded after. */
export function RuleForm({ brandId, rule }: { brandId: number; rule: FraudRule }) {
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [mode, setMode] = useState<RuleMode>(rule.mode);
  const [seconds, setSeconds] = useState(String(rule.params.seconds ?? ''));
  const [match, setMatch] = useState<string[]>((rule.params.match as string[] | undefined) ?? []);
  const [countries, setCountries] = useState(
    ((rule.params.countries as string[] | undefined) ?? []).join(', '),
  );
  const [saved, setSaved] = useState(false);

  const body = (): RuleBody => {
    if (rule.rule === 'fast_registration') return { mode, params: { seconds: Number(seconds) } };
    if (rule.rule === 'duplicate_customer') return { mode, params: { match } };
    if (rule.rule === 'country_not_allowed')
      return { mode, params: { countries: countries.split(/[\s,]+/).filter(Boolean) } };
    return { mode };
  };
  const save = useMutation({
    mutationFn: () => setFraudRule(brandId, rule.rule, body()),
    onSuccess: async () => {
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: ['brands', brandId, 'fraud-rules'] });
    },
    onError: errors.fail,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    setSaved(false);
    save.mutate();
  }

  const title = sentenceCase(rule.rule);
  return (
    <form
      className="panel form fraud-rule"
      onSubmit={submit}
      noValidate
      aria-label={title}
      data-rule={rule.rule}
    >
      <h2>
        {title}{' '}
        {rule.mode !== 'off' && (
          <span className={rule.mode === 'hold' ? 'badge badge-bad' : 'badge badge-warn'}>{rule.mode}</span>
        )}
      </h2>
      <Help text={rule.description} />
      <FormSummary message={errors.summary} problems={errors.problems} />
      <SelectField
        id={errors.idOf('mode')}
        label="Mode"
        value={mode}
        options={MODE_OPTIONS}
        onChange={(v) => setMode(v as RuleMode)}
        error={errors.field('mode')}
      />
      <p className="hint">{MODE_EFFECT[mode]}</p>
      {rule.rule === 'fast_registration' && (
        <TextField
          id={errors.idOf('params.seconds')}
          label="Seconds"
          type="number"
          min={1}
          max={3600}
          value={seconds}
          onChange={setSeconds}
          hint="A registration sooner than this after the click matches (1 to 3600)"
          error={errors.field('params.seconds')}
        />
      )}
      {rule.rule === 'duplicate_customer' && (
        <fieldset id={errors.idOf('params.match')}>
          <legend>Match on</legend>
          {MATCH_FIELDS.map((field) => (
            <label key={field} className="checkbox">
              <input
                type="checkbox"
                checked={match.includes(field)}
                onChange={(e) =>
                  setMatch((m) => (e.target.checked ? [...m, field] : m.filter((f) => f !== field)))
                }
              />
              {field === 'email_hash' ? 'Email (hashed)' : field === 'ip' ? 'IP address' : 'Device id'}
            </label>
          ))}
          {errors.field('params.match') && <p className="field-error">{errors.field('params.match')}</p>}
        </fieldset>
      )}
      {rule.rule === 'country_not_allowed' && (
        <TextField
          id={errors.idOf('params.countries')}
          label="Countries allowed"
          value={countries}
          onChange={setCountries}
          placeholder="NL, DE, BE"
          hint="Two-letter codes, separated by commas; customers from any other country match"
          error={errors.field('params.countries')}
        />
      )}
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save rule'}
        </button>
        {saved && (
          <span role="status" className="muted">
            Saved. It applies to events recorded from now on.
          </span>
        )}
      </div>
      {rule.updated_at && <p className="hint">Last changed {formatDateTime(rule.updated_at)}</p>}
    </form>
  );
}
