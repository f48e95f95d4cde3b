import { SelectField } from '../../components/SelectField.tsx';
import { DEDUCTION_LABELS, type Draft, isPercentDeduction } from './draft.ts';
import {
  Check,
  Choice,
  field,
  flag,
  GroupError,
  Input,
  move,
  Rows,
  Section,
  type SectionProps,
} from './fields.tsx';

const DEDUCTION_NAMES = Object.keys(DEDUCTION_LABELS);

function Deductions(p: SectionProps) {
  const { deductions } = p.draft.revshare;
  const edit = (fn: (list: Draft['revshare']['deductions']) => Draft['revshare']['deductions'] | undefined) =>
    p.change('definition.revshare.deductions', (d) => {
      d.revshare.deductions = fn(d.revshare.deductions) ?? d.revshare.deductions;
    });
  const unused = DEDUCTION_NAMES.filter((n) => !deductions.some((d) => d.name === n));
  return (
    <>
      <h3>NGR deductions, in order</h3>
      <GroupError path="revshare.deductions" p={p} />
      {deductions.length === 0 && <p className="muted">None: NGR is GGR (bets less wins).</p>}
      <ol className="deductions">
        {deductions.map((d, i) => {
          const name = DEDUCTION_LABELS[d.name] ?? d.name;
          const step = (label: string, to: number, disabled: boolean) => (
            <button
              type="button"
              className="button-secondary"
              disabled={disabled}
              aria-label={`Move ${name} ${label}`}
              onClick={() => edit((list) => move(list, i, to))}
            >
              {label === 'up' ? '↑' : '↓'}
            </button>
          );
          return (
            <li key={d.name} className="row" data-deduction={d.name}>
              <span id={p.errors.idOf(`definition.revshare.deductions[${i}]`)} className="deduction-name">
                {name}
              </span>
              {isPercentDeduction(d.name) && (
                <Input
                  p={p}
                  path={`revshare.deductions[${i}].${d.name}`}
                  label={`${name} %`}
                  {...field(d, 'percent', (d) => d.revshare.deductions[i]!)}
                />
              )}
              {step('up', i - 1, i === 0)}
              {step('down', i + 1, i === deductions.length - 1)}
              <button
                type="button"
                className="button-secondary"
                aria-label={`Remove ${name}`}
                onClick={() => edit((list) => list.filter((_, j) => j !== i))}
              >
                Remove
              </button>
              <GroupError path={`revshare.deductions[${i}]`} p={p} />
            </li>
          );
        })}
      </ol>
      {unused.length > 0 && (
        <SelectField
          label="Add a deduction"
          value=""
          empty="Choose a deduction to add"
          options={unused.map((n) => ({ value: n, label: DEDUCTION_LABELS[n] ?? n }))}
          onChange={(v) => v && edit((list) => [...list, { name: v, percent: '' }])}
        />
      )}
    </>
  );
}

export function RevShareSection(p: SectionProps) {
  const { revshare: r } = p.draft;
  const c = (path: string, fn: (x: Draft['revshare']) => void) =>
    p.change(`definition.revshare${path}`, (d) => fn(d.revshare));
  const byNgr = r.tiers_by === 'ngr';
  return (
    <Section p={p} name="revshare" title="RevShare: a percentage of the customers' revenue">
      <div className="row">
        <Choice
          p={p}
          path="revshare.basis"
          label="RevShare basis"
          options={[
            { value: 'ngr', label: 'NGR (GGR less the deductions below)' },
            { value: 'net_pl', label: 'Net P/L' },
            { value: 'net_deposits', label: 'Net deposits' },
          ]}
          {...field(r, 'basis', (d) => d.revshare)}
        />
        <Input
          p={p}
          path="revshare.rate"
          label="RevShare rate (%)"
          {...field(r, 'rate', (d) => d.revshare)}
        />
      </div>
      {r.basis === 'ngr' && <Deductions {...p} />}
      <Check
        p={p}
        path="revshare.tiers"
        label="Tiers (bands with their own rates)"
        {...flag(r, 'tiers_on', (d) => d.revshare)}
      />
      {r.tiers_on && (
        <>
          <GroupError path="revshare.tiers.bands" p={p} />
          <div className="row">
            <Choice
              p={p}
              path="revshare.tiers.mode"
              label="RevShare tier mode"
              options={[
                { value: 'tiered', label: 'Tiered: the rate reached applies to the whole amount' },
                { value: 'ladder', label: 'Ladder: each rate applies to the part inside its band' },
              ]}
              {...field(r, 'tiers_mode', (d) => d.revshare)}
            />
            <Choice
              p={p}
              path="revshare.tiers.by"
              label="RevShare tiers by"
              options={[
                { value: 'ngr', label: `The amount (${p.currency})` },
                { value: 'qualified_customers', label: 'Qualified customers in the period' },
              ]}
              {...field(r, 'tiers_by', (d) => d.revshare)}
            />
          </div>
          <Rows
            rows={r.bands}
            noun="band"
            min={1}
            add={() =>
              c('.tiers', (x) => {
                x.bands.push({ from: '', rate: '' });
              })
            }
            remove={(i) =>
              c('.tiers', (x) => {
                x.bands.splice(i, 1);
              })
            }
          >
            {(band, i) => (
              <>
                <Input
                  p={p}
                  count={!byNgr}
                  path={`revshare.tiers.bands[${i}].from`}
                  label={`Band ${i + 1} from${byNgr ? ` (${p.currency})` : ' (customers)'}`}
                  {...field(band, 'from', (d) => d.revshare.bands[i]!)}
                />
                <Input
                  p={p}
                  path={`revshare.tiers.bands[${i}].rate`}
                  label={`Band ${i + 1} rate (%)`}
                  {...field(band, 'rate', (d) => d.revshare.bands[i]!)}
                />
              </>
            )}
          </Rows>
        </>
      )}
      <Check
        p={p}
        path="revshare.carry_over"
        label="A negative balance carries over to the next period"
        {...flag(r, 'carry_over', (d) => d.revshare)}
      />
      {r.carry_over && (
        <Input
          p={p}
          path="revshare.carry_over_cap"
          label={`Carry-over cap (${p.currency})`}
          hint="Empty: no cap"
          {...field(r, 'carry_over_cap', (d) => d.revshare)}
        />
      )}
    </Section>
  );
}
