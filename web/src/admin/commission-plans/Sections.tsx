import type { ReactNode } from 'react';
import { type Option, SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import type { FormErrors } from '../../forms/use-form-errors.ts';
import { CountryPicker } from '../../reference/pickers.tsx';
import { COUNT_RULES, DEDUCTION_LABELS, type Draft, isPercentDeduction, MONEY_RULES } from './draft.ts';

export interface SectionProps {
  draft: Draft;
  /** Changes the draft and forgets the problem shown for `path`. */
  change(path: string, update: (d: Draft) => void): void;
  errors: FormErrors;
  currency: string;
}

interface Bound {
  p: SectionProps;
  /** The server's path under `definition.` */
  path: string;
  label: string;
  value: string;
  set(d: Draft, v: string): void;
}

/** A text input bound to one server path: its id, its error, and clearing that error on change. */
function Input({ p, path, label, value, set, hint, count }: Bound & { hint?: string; count?: boolean }) {
  const full = `definition.${path}`;
  return (
    <TextField
      id={p.errors.idOf(full)}
      label={label}
      value={value}
      inputMode={count ? 'numeric' : 'decimal'}
      onChange={(v) => p.change(full, (d) => set(d, v))}
      hint={hint}
      error={p.errors.field(full)}
    />
  );
}

/** A select bound to one server path, like Input. */
function Choice({ p, path, label, value, set, options }: Bound & { options: Option[] }) {
  const full = `definition.${path}`;
  return (
    <SelectField
      id={p.errors.idOf(full)}
      label={label}
      value={value}
      options={options}
      onChange={(v) => p.change(full, (d) => set(d, v))}
      error={p.errors.field(full)}
    />
  );
}

/** A checkbox that changes the draft. */
function Check({
  p,
  path,
  label,
  checked,
  set,
}: {
  p: SectionProps;
  path: string;
  label: string;
  checked: boolean;
  set(d: Draft, on: boolean): void;
}) {
  return (
    <label className="checkbox">
      <input
        type="checkbox"
        checked={checked}
        onChange={(e) => p.change(`definition.${path}`, (d) => set(d, e.target.checked))}
      />
      {label}
    </label>
  );
}

/** A problem of a whole group (a tier list, a level), shown where the group starts. */
function GroupError({ path, p }: { path: string; p: SectionProps }) {
  const full = `definition.${path}`;
  const message = p.errors.field(full);
  return (
    <p id={p.errors.idOf(full)} tabIndex={-1} className={message ? 'field-error' : 'visually-hidden'}>
      {message ?? ''}
    </p>
  );
}

/** Rows a person adds and removes (tiers, bands, country amounts), each with its Remove button. */
function Rows<T>({
  rows,
  noun,
  min = 0,
  max = 100,
  add,
  remove,
  children,
}: {
  rows: T[];
  noun: string;
  min?: number;
  max?: number;
  add(): void;
  remove(i: number): void;
  children(row: T, i: number): ReactNode;
}) {
  return (
    <>
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
        <div className="row" key={i}>
          {children(row, i)}
          {rows.length > min && (
            <button type="button" className="button-secondary" onClick={() => remove(i)}>
              Remove {noun} {i + 1}
            </button>
          )}
        </div>
      ))}
      {rows.length < max && (
        <button type="button" className="button-secondary" onClick={add}>
          Add a {noun}
        </button>
      )}
    </>
  );
}

function Section({
  p,
  name,
  title,
  children,
}: {
  p: SectionProps;
  name: 'cpl' | 'cpa' | 'revshare' | 'sale_share' | 'sub_affiliate';
  title: string;
  children: ReactNode;
}) {
  const on = p.draft[name].on;
  return (
    <fieldset className="panel plan-section" data-component={name}>
      <legend>
        <Check
          p={p}
          path={name}
          label={title}
          checked={on}
          set={(d, v) => {
            d[name].on = v;
          }}
        />
      </legend>
      <GroupError path={name} p={p} />
      {on && children}
    </fieldset>
  );
}

const move = <T,>(list: T[], from: number, to: number) => {
  const next = [...list];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
};

export function CplSection(p: SectionProps) {
  const { cpl } = p.draft;
  return (
    <Section p={p} name="cpl" title="CPL: an amount per registration">
      <Input
        p={p}
        path="cpl.amount"
        label={`Amount per lead (${p.currency})`}
        value={cpl.amount}
        set={(d, v) => {
          d.cpl.amount = v;
        }}
      />
      <Check
        p={p}
        path="cpl.qualified_only"
        label="Only for qualified leads (those meeting the CPA rules)"
        checked={cpl.qualified_only}
        set={(d, v) => {
          d.cpl.qualified_only = v;
        }}
      />
    </Section>
  );
}

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
        value={cpa.amount}
        set={(d, v) => {
          d.cpa.amount = v;
        }}
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
              value={row.amount}
              set={(d, v) => {
                d.cpa.country_amounts[i]!.amount = v;
              }}
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
        value={cpa.combine}
        options={[
          { value: 'all', label: 'All minimums must be met' },
          { value: 'any', label: 'Any one minimum is enough' },
        ]}
        set={(d, v) => {
          d.cpa.combine = v as 'all' | 'any';
        }}
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
              value={cpa.rules[key]}
              set={(d, v) => {
                d.cpa.rules[key] = v;
              }}
            />
          );
        })}
        <Input
          p={p}
          count
          path="cpa.qualification.within_days"
          label="Within days of registration"
          value={cpa.within_days}
          set={(d, v) => {
            d.cpa.within_days = v;
          }}
        />
        <Input
          p={p}
          count
          path="cpa.hold_days"
          label="Hold (days)"
          hint="Before a CPA is approved"
          value={cpa.hold_days}
          set={(d, v) => {
            d.cpa.hold_days = v;
          }}
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
        checked={cpa.tiers_on}
        set={(d, v) => {
          d.cpa.tiers_on = v;
        }}
      />
      {cpa.tiers_on && (
        <>
          <GroupError path="cpa.tiers.levels" p={p} />
          <Choice
            p={p}
            path="cpa.tiers.mode"
            label="CPA tier mode"
            value={cpa.tiers_mode}
            options={[
              { value: 'whole_period', label: 'The tier reached pays every CPA of the period' },
              { value: 'past_threshold', label: 'A tier pays only the CPAs past its threshold' },
            ]}
            set={(d, v) => {
              d.cpa.tiers_mode = v as 'whole_period';
            }}
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
                  value={level.from}
                  set={(d, v) => {
                    d.cpa.levels[i]!.from = v;
                  }}
                />
                <Input
                  p={p}
                  path={`cpa.tiers.levels[${i}].amount`}
                  label={`Tier ${i + 1} amount (${p.currency})`}
                  value={level.amount}
                  set={(d, v) => {
                    d.cpa.levels[i]!.amount = v;
                  }}
                />
              </>
            )}
          </Rows>
        </>
      )}
    </Section>
  );
}

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
                  value={d.percent}
                  set={(x, v) => {
                    x.revshare.deductions[i]!.percent = v;
                  }}
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
          value={r.basis}
          options={[
            { value: 'ngr', label: 'NGR (GGR less the deductions below)' },
            { value: 'net_pl', label: 'Net P/L' },
            { value: 'net_deposits', label: 'Net deposits' },
          ]}
          set={(d, v) => {
            d.revshare.basis = v as 'ngr';
          }}
        />
        <Input
          p={p}
          path="revshare.rate"
          label="RevShare rate (%)"
          value={r.rate}
          set={(d, v) => {
            d.revshare.rate = v;
          }}
        />
      </div>
      {r.basis === 'ngr' && <Deductions {...p} />}
      <Check
        p={p}
        path="revshare.tiers"
        label="Tiers (bands with their own rates)"
        checked={r.tiers_on}
        set={(d, v) => {
          d.revshare.tiers_on = v;
        }}
      />
      {r.tiers_on && (
        <>
          <GroupError path="revshare.tiers.bands" p={p} />
          <div className="row">
            <Choice
              p={p}
              path="revshare.tiers.mode"
              label="RevShare tier mode"
              value={r.tiers_mode}
              options={[
                { value: 'tiered', label: 'Tiered: the rate reached applies to the whole amount' },
                { value: 'ladder', label: 'Ladder: each rate applies to the part inside its band' },
              ]}
              set={(d, v) => {
                d.revshare.tiers_mode = v as 'tiered';
              }}
            />
            <Choice
              p={p}
              path="revshare.tiers.by"
              label="RevShare tiers by"
              value={r.tiers_by}
              options={[
                { value: 'ngr', label: `The amount (${p.currency})` },
                { value: 'qualified_customers', label: 'Qualified customers in the period' },
              ]}
              set={(d, v) => {
                d.revshare.tiers_by = v as 'ngr';
              }}
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
                  value={band.from}
                  set={(d, v) => {
                    d.revshare.bands[i]!.from = v;
                  }}
                />
                <Input
                  p={p}
                  path={`revshare.tiers.bands[${i}].rate`}
                  label={`Band ${i + 1} rate (%)`}
                  value={band.rate}
                  set={(d, v) => {
                    d.revshare.bands[i]!.rate = v;
                  }}
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
        checked={r.carry_over}
        set={(d, v) => {
          d.revshare.carry_over = v;
        }}
      />
      {r.carry_over && (
        <Input
          p={p}
          path="revshare.carry_over_cap"
          label={`Carry-over cap (${p.currency})`}
          hint="Empty: no cap"
          value={r.carry_over_cap}
          set={(d, v) => {
            d.revshare.carry_over_cap = v;
          }}
        />
      )}
    </Section>
  );
}

export function SaleShareSection(p: SectionProps) {
  const { sale_share: s } = p.draft;
  return (
    <Section p={p} name="sale_share" title="Sale share: for SaaS and shops">
      <div className="row">
        <Choice
          p={p}
          path="sale_share.kind"
          label="Pays"
          value={s.kind}
          options={[
            { value: 'percent', label: 'A percentage of each sale' },
            { value: 'amount', label: 'A fixed amount per sale' },
          ]}
          set={(d, v) => {
            d.sale_share.kind = v as 'percent';
          }}
        />
        {s.kind === 'percent' ? (
          <Input
            p={p}
            path="sale_share.percent"
            label="Sale share (%)"
            value={s.percent}
            set={(d, v) => {
              d.sale_share.percent = v;
            }}
          />
        ) : (
          <Input
            p={p}
            path="sale_share.amount"
            label={`Amount per sale (${p.currency})`}
            value={s.amount}
            set={(d, v) => {
              d.sale_share.amount = v;
            }}
          />
        )}
        <Choice
          p={p}
          path="sale_share.duration"
          label="For"
          value={s.duration}
          options={[
            { value: 'first_sale', label: 'The first sale only' },
            { value: 'months', label: 'A number of months of recurring sales' },
            { value: 'lifetime', label: "The customer's lifetime" },
          ]}
          set={(d, v) => {
            d.sale_share.duration = v as 'months';
          }}
        />
        {s.duration === 'months' && (
          <Input
            p={p}
            count
            path="sale_share.months"
            label="Months"
            value={s.months}
            set={(d, v) => {
              d.sale_share.months = v;
            }}
          />
        )}
      </div>
    </Section>
  );
}

const CUTS = [
  ['cpa_fee', 'CPA fee', 'Per qualified customer of the sub-affiliate'],
  ['revshare_cut_percent', 'RevShare cut (%)', 'Of the sub-affiliate’s RevShare commission'],
  ['net_pl_cut_percent', 'net P/L cut (%)', 'Of the sub-affiliate’s customers’ net P/L'],
] as const;

export function SubAffiliateSection(p: SectionProps) {
  const { sub_affiliate: s } = p.draft;
  const levels = (fn: (list: Draft['sub_affiliate']['levels']) => void) =>
    p.change('definition.sub_affiliate.levels', (d) => fn(d.sub_affiliate.levels));
  return (
    <Section p={p} name="sub_affiliate" title="Sub-affiliate cuts to the referring affiliate">
      <GroupError path="sub_affiliate.levels" p={p} />
      <Rows
        rows={s.levels}
        noun="level"
        min={1}
        max={2}
        add={() =>
          levels((list) => {
            list.push({ cpa_fee: '', revshare_cut_percent: '', net_pl_cut_percent: '' });
          })
        }
        remove={(i) =>
          levels((list) => {
            list.splice(i, 1);
          })
        }
      >
        {(level, i) => (
          <>
            <GroupError path={`sub_affiliate.levels[${i}]`} p={p} />
            {CUTS.map(([key, label, hint]) => (
              <Input
                key={key}
                p={p}
                path={`sub_affiliate.levels[${i}].${key}`}
                label={`Level ${i + 1} ${label}${key === 'cpa_fee' ? ` (${p.currency})` : ''}`}
                hint={hint}
                value={level[key]}
                set={(d, v) => {
                  d.sub_affiliate.levels[i]![key] = v;
                }}
              />
            ))}
          </>
        )}
      </Rows>
    </Section>
  );
}
