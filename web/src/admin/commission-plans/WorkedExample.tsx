import { useState } from 'react';
import { TextField } from '../../components/TextField.tsx';
import { inputToMinor } from '../../forms/amount.ts';
import { CountryPicker } from '../../reference/pickers.tsx';
import { DEDUCTION_LABELS, type Definition } from './draft.ts';
import { type Example, major, type Sample, workedExample } from './worked-example.ts';

const MONEY = [
  ['first_deposit', 'First deposit'],
  ['deposits', 'Deposits in total'],
  ['withdrawals', 'Withdrawals'],
  ['bets', 'Bets'],
  ['wins', 'Wins'],
  ['bonuses', 'Bonuses'],
] as const;
const COUNTS = [
  ['deposit_count', 'Number of deposits'],
  ['bet_count', 'Number of bets'],
  ['days', 'Days since registration'],
  ['qualified_in_period', 'Qualified customers this period (with this one)'],
] as const;

type SampleText = Record<(typeof MONEY)[number][0] | (typeof COUNTS)[number][0] | 'country', string>;

const START: SampleText = {
  first_deposit: '50',
  deposits: '200',
  withdrawals: '50',
  bets: '1000',
  wins: '700',
  bonuses: '40',
  deposit_count: '3',
  bet_count: '120',
  days: '3',
  qualified_in_period: '1',
  country: 'DE',
};

/** The sample as numbers; null while a figure cannot be read. */
function sampleOf(text: SampleText, minorUnit: number): Sample | null {
  const out: Record<string, number | string> = { country: text.country };
  for (const [key] of MONEY) {
    const parsed = inputToMinor(text[key] || '0', minorUnit);
    if (!parsed.ok) return null;
    out[key] = parsed.minor;
  }
  for (const [key] of COUNTS) {
    if (!/^\d*$/.test(text[key].trim())) return null;
    out[key] = Number(text[key].trim() || 0);
  }
  return out as unknown as Sample;
}

/** A sample customer typed beside the editor, and what the draft would pay for it, live. */
export function WorkedExample({
  definition,
  currency,
  minorUnit,
}: {
  definition: Definition | null;
  currency: string;
  minorUnit: number;
}) {
  const [text, setText] = useState<SampleText>(START);
  const sample = sampleOf(text, minorUnit);
  let example: Example | null = null;
  try {
    example = definition && sample ? workedExample(definition, sample) : null;
  } catch {
    example = null;
  }
  const m = (minor: number | string) => `${major(minor, minorUnit)} ${currency}`;
  return (
    <aside className="panel worked-example" aria-label="Worked example">
      <h2>Worked example</h2>
      <p className="muted">
        A sample customer; the figures follow the plan as you type. Amounts in {currency}.
      </p>
      <div className="sample-fields">
        {MONEY.map(([key, label]) => (
          <TextField
            key={key}
            label={label}
            inputMode="decimal"
            value={text[key]}
            onChange={(v) => setText((t) => ({ ...t, [key]: v }))}
          />
        ))}
        {COUNTS.map(([key, label]) => (
          <TextField
            key={key}
            label={label}
            inputMode="numeric"
            value={text[key]}
            onChange={(v) => setText((t) => ({ ...t, [key]: v }))}
          />
        ))}
        <CountryPicker
          label="Customer's country"
          value={text.country}
          onChange={(v) => setText((t) => ({ ...t, country: v }))}
        />
      </div>
      {!sample && <p className="field-error">Enter the sample's figures as amounts and whole numbers.</p>}
      {sample && !example && <p className="muted">Fix the plan's amounts and rates to see what it pays.</p>}
      {example && <Figures example={example} m={m} />}
    </aside>
  );
}

function Figures({ example, m }: { example: Example; m: (minor: number | string) => string }) {
  const { cpl, cpa, revshare, sub_affiliate } = example;
  const total = (cpl?.paid ? cpl.amount : 0) + (cpa?.amount ?? 0) + Math.max(revshare?.commission ?? 0, 0);
  if (!cpl && !cpa && !revshare && sub_affiliate.length === 0)
    return <p className="muted">Switch on a component to see what it pays.</p>;
  return (
    <div className="example-figures" data-testid="worked-example">
      {cpl && (
        <section data-testid="example-cpl">
          <h3>CPL</h3>
          <p>
            {cpl.paid ? m(cpl.amount) : m(0)} ({cpl.reason})
          </p>
        </section>
      )}
      {cpa && (
        <section data-testid="example-cpa">
          <h3>CPA</h3>
          <p data-testid="example-cpa-result">
            {cpa.qualifies ? `Qualifies: ${m(cpa.amount)}` : 'Does not qualify: 0'}
            {cpa.qualifies &&
              cpa.source === 'tier' &&
              cpa.tier &&
              ` (tier ${cpa.tier.level}, from qualified customer ${cpa.tier.from})`}
            {cpa.qualifies && cpa.source === 'country' && ' (the amount for the customer’s country)'}
            {cpa.qualifies && cpa.hold_days > 0 && `, approved after ${cpa.hold_days} days`}
          </p>
          <ul>
            {[...cpa.rules, ...cpa.conditions].map((r) => (
              <li key={r.rule} className={r.ok ? '' : 'field-error'} data-rule={r.rule}>
                {r.ok ? '✓' : '✗'} {r.rule} {r.money ? m(r.actual) : r.actual}{' '}
                {r.ok
                  ? r.rule === 'country'
                    ? 'in'
                    : r.rule.startsWith('days')
                      ? '≤'
                      : '≥'
                  : r.rule === 'country'
                    ? 'not in'
                    : r.rule.startsWith('days')
                      ? '>'
                      : '<'}{' '}
                {r.money ? m(r.needed) : r.needed}
              </li>
            ))}
            {cpa.rules.length > 1 && (
              <li className="muted">
                {cpa.combine === 'any' ? 'Any one minimum is enough' : 'All minimums must be met'}
              </li>
            )}
          </ul>
        </section>
      )}
      {revshare && (
        <section data-testid="example-revshare">
          <h3>RevShare</h3>
          <dl className="facts">
            <dt>GGR (bets − wins)</dt>
            <dd>{m(revshare.ggr)}</dd>
            {revshare.deductions.map((d) => (
              <DeductionRow key={d.name} d={d} m={m} />
            ))}
            <dt>{{ ngr: 'NGR', net_pl: 'Net P/L', net_deposits: 'Net deposits' }[revshare.basis]}</dt>
            <dd data-testid="example-basis">{m(revshare.basis_amount)}</dd>
            {revshare.parts.map((part, i) => (
              <BandRow key={part.from} part={part} mode={revshare.mode} band={revshare.band} i={i} m={m} />
            ))}
            <dt>RevShare</dt>
            <dd data-testid="example-revshare-amount">
              {m(revshare.commission)}
              {revshare.commission < 0 && ' (a loss: pays 0, carried over if the plan says so)'}
            </dd>
          </dl>
        </section>
      )}
      {sub_affiliate.length > 0 && (
        <section>
          <h3>To the referrer of this affiliate</h3>
          <ul>
            {sub_affiliate.map((s) => (
              <li key={s.level}>
                Level {s.level}: CPA fee {m(s.cpa_fee)}, RevShare cut {m(s.revshare_cut)}, net P/L cut{' '}
                {m(s.net_pl_cut)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <p className="example-total" data-testid="example-total">
        <strong>This customer earns the affiliate {m(total)}</strong>
      </p>
    </div>
  );
}

function DeductionRow({
  d,
  m,
}: {
  d: NonNullable<Example['revshare']>['deductions'][number];
  m: (v: number | string) => string;
}) {
  return (
    <>
      <dt>
        − {DEDUCTION_LABELS[d.name] ?? d.name}
        {d.percent !== undefined && d.of && ` ${d.percent}% of ${d.of.name} ${m(d.of.amount)}`}
      </dt>
      <dd data-deduction={d.name}>
        {m(d.amount)} <span className="muted">→ {m(d.after)}</span>
      </dd>
    </>
  );
}

function BandRow({
  part,
  mode,
  band,
  i,
  m,
}: {
  part: NonNullable<Example['revshare']>['parts'][number];
  mode: 'flat' | 'tiered' | 'ladder';
  band: number | null;
  i: number;
  m: (v: number | string) => string;
}) {
  const label =
    mode === 'flat'
      ? `× ${part.rate}%`
      : mode === 'tiered' || band !== null
        ? `× ${part.rate}% (band ${band}, tiered)`
        : `Band ${i + 1}: ${m(part.part)} × ${part.rate}%`;
  return (
    <>
      <dt>{label}</dt>
      <dd>{m(part.commission)}</dd>
    </>
  );
}
