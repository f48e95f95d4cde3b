import { CountryPicker } from '../../reference/pickers.tsx';
import { COUNT_RULES, type Draft, MONEY_RULES } from './draft.ts';
import {
  Check,
  Choice,
  field,
  flag,
  GroupError,
  Input,
  Rows,
  Section,
  type SectionProps,
} from './fields.tsx';

export function CpaSection(p: SectionProps) {
  const { cpa } = p.draft;
  const c = (path: string, fn: (x: Draft['cpa']) => void) =>
    p.change(`definition.cpa${path}`, (d) => fn(d.cpa));
  const countries = (fn: (list: string[]) => void) => c('.qualification.countries', (x) => fn(x.countries));
  return (
    <Section p={p} name="cpa" title="CPA: an amount per qualified customer">
      <Input
        p={p}
        path="cpa.amount"
        label={`CPA amount (${p.currency})`}
        {...field(cpa, 'amount', (d) => d.cpa)}
      />
      <h3>Amounts per country</h3>
      <Rows
        rows={cpa.country_amounts}
        noun="country amount"
        add={() =>
          c('', (x) => {
            x.country_amounts.push({ country: '', amount: '' });
          })
        }
        remove={(i) =>
          c('', (x) => {
            x.country_amounts.splice(i, 1);
          })
        }
      >
        {(row, i) => (
          <>
            <CountryPicker
              label={`Country ${i + 1}`}
              value={row.country}
              onChange={(v) =>
                c('', (x) => {
                  x.country_amounts[i]!.country = v;
                })
              }
            />
            <Input
              p={p}
              path={`cpa.country_amounts.${row.country || `#${i}`}`}
              label={`Amount for ${row.country || 'this country'} (${p.currency})`}
              {...field(row, 'amount', (d) => d.cpa.country_amounts[i]!)}
            />
          </>
        )}
      </Rows>

      <h3>Qualification</h3>
      <GroupError path="cpa.qualification" p={p} />
      <Choice
        p={p}
        path="cpa.qualification.combine"
        label="Rules combine"
        options={[
          { value: 'all', label: 'All minimums must be met' },
          { value: 'any', label: 'Any one minimum is enough' },
        ]}
        {...field(cpa, 'combine', (d) => d.cpa)}
      />
      <div className="row">
        {[...MONEY_RULES, ...COUNT_RULES].map(([key, label]) => {
          const count = key.endsWith('count');
          return (
            <Input
              key={key}
              p={p}
              count={count}
              path={`cpa.qualification.${key}`}
              label={count ? label : `${label} (${p.currency})`}
              {...field(cpa.rules, key, (d) => d.cpa.rules)}
            />
          );
        })}
        <Input
          p={p}
          count
          path="cpa.qualification.within_days"
          label="Within days of registration"
          {...field(cpa, 'within_days', (d) => d.cpa)}
        />
        <Input
          p={p}
          count
          path="cpa.hold_days"
          label="Hold (days)"
          hint="Before a CPA is approved"
          {...field(cpa, 'hold_days', (d) => d.cpa)}
        />
      </div>
      <fieldset id={p.errors.idOf('definition.cpa.qualification.countries')}>
        <legend>Countries that qualify (none: every country)</legend>
        {cpa.countries.length > 0 && (
          <ul className="chips" aria-label="Countries that qualify">
            {cpa.countries.map((code, i) => (
              <li key={code} className="chip">
                {code}
                <button
                  type="button"
                  className="link-button"
                  aria-label={`Remove ${code}`}
                  onClick={() =>
                    countries((list) => {
                      list.splice(i, 1);
                    })
                  }
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <CountryPicker
          label="Add a country that qualifies"
          value=""
          onChange={(v) =>
            v &&
            !cpa.countries.includes(v) &&
            countries((list) => {
              list.push(v);
            })
          }
        />
        <GroupError path="cpa.qualification.countries" p={p} />
      </fieldset>

      <Check
        p={p}
        path="cpa.tiers"
        label="Tiers by the number of qualified customers in the period"
        {...flag(cpa, 'tiers_on', (d) => d.cpa)}
      />
      {cpa.tiers_on && (
        <>
          <GroupError path="cpa.tiers.levels" p={p} />
          <Choice
            p={p}
            path="cpa.tiers.mode"
            label="CPA tier mode"
            options={[
              { value: 'whole_period', label: 'The tier reached pays every CPA of the period' },
              { value: 'past_threshold', label: 'A tier pays only the CPAs past its threshold' },
            ]}
            {...field(cpa, 'tiers_mode', (d) => d.cpa)}
          />
          <Rows
            rows={cpa.levels}
            noun="tier"
            min={1}
            add={() =>
              c('.tiers', (x) => {
                x.levels.push({ from: '', amount: '' });
              })
            }
            remove={(i) =>
              c('.tiers', (x) => {
                x.levels.splice(i, 1);
              })
            }
          >
            {(level, i) => (
              <>
                <Input
                  p={p}
                  count
                  path={`cpa.tiers.levels[${i}].from`}
                  label={`Tier ${i + 1} from customer`}
                  {...field(level, 'from', (d) => d.cpa.levels[i]!)}
                />
                <Input
                  p={p}
                  path={`cpa.tiers.levels[${i}].amount`}
                  label={`Tier ${i + 1} amount (${p.currency})`}
                  {...field(level, 'amount', (d) => d.cpa.levels[i]!)}
                />
              </>
            )}
          </Rows>
        </>
      )}
    </Section>
  );
}
