import type { ReactNode } from 'react';
import { SelectField } from '../../components/SelectField.tsx';
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

/** A text input bound to one server path: its id, its error, and clearing that error on change. */
function Input({
  path,
  label,
  value,
  set,
  p,
  hint,
  inputMode,
}: {
  path: string;
  label: string;
  value: string;
  set(d: Draft, v: string): void;
  p: SectionProps;
  hint?: string;
  inputMode?: 'decimal' | 'numeric';
}) {
  const full = `definition.${path}`;
  return (
    <TextField
      id={p.errors.idOf(full)}
      label={label}
      value={value}
      inputMode={inputMode ?? 'decimal'}
      onChange={(v) => p.change(full, (d) => set(d, v))}
      hint={hint}
      error={p.errors.field(full)}
    />
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

function Section({
  name,
  title,
  on,
  toggle,
  children,
  p,
}: {
  name: keyof Draft;
  title: string;
  on: boolean;
  toggle(on: boolean): void;
  children: ReactNode;
  p: SectionProps;
}) {
  return (
    <fieldset className="panel plan-section" data-component={name}>
      <legend>
        <label className="checkbox">
          <input type="checkbox" checked={on} onChange={(e) => toggle(e.target.checked)} />
          {title}
        </label>
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
    <Section
      name="cpl"
      title="CPL: an amount per registration"
      on={cpl.on}
      p={p}
      toggle={(on) =>
        p.change('definition.cpl', (d) => {
          d.cpl.on = on;
        })
      }
    >
      <Input
        p={p}
        path="cpl.amount"
        label={`Amount per lead (${p.currency})`}
        value={cpl.amount}
        set={(d, v) => {
          d.cpl.amount = v;
        }}
      />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={cpl.qualified_only}
          onChange={(e) =>
            p.change('definition.cpl.qualified_only', (d) => {
              d.cpl.qualified_only = e.target.checked;
            })
          }
        />
        Only for qualified leads (those meeting the CPA rules)
      </label>
    </Section>
  );
}

export function CpaSection(p: SectionProps) {
  const { cpa } = p.draft;
  const c = (path: string, fn: (x: Draft['cpa']) => void) =>
    p.change(`definition.cpa${path}`, (d) => fn(d.cpa));
  return (
    <Section
      name="cpa"
      title="CPA: an amount per qualified customer"
      on={cpa.on}
      p={p}
      toggle={(on) =>
        c('', (x) => {
          x.on = on;
        })
      }
    >
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
      {cpa.country_amounts.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
        <div className="row" key={i}>
          <CountryPicker
            label={`Country ${i + 1}`}
            value={row.country}
            onChange={(v) =>
              c('.country_amounts', (x) => {
                (x.country_amounts[i] as typeof row).country = v;
              })
            }
          />
          <Input
            p={p}
            path={`cpa.country_amounts.${row.country || `#${i}`}`}
            label={`Amount for ${row.country || 'this country'} (${p.currency})`}
            value={row.amount}
            set={(d, v) => {
              (d.cpa.country_amounts[i] as typeof row).amount = v;
            }}
          />
          <button
            type="button"
            className="button-secondary"
            onClick={() =>
              c('', (x) => {
                x.country_amounts.splice(i, 1);
              })
            }
          >
            Remove country {i + 1}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="button-secondary"
        onClick={() =>
          c('', (x) => {
            x.country_amounts.push({ country: '', amount: '' });
          })
        }
      >
        Add a country amount
      </button>

      <h3>Qualification</h3>
      <GroupError path="cpa.qualification" p={p} />
      <SelectField
        id={p.errors.idOf('definition.cpa.qualification.combine')}
        label="Rules combine"
        value={cpa.combine}
        options={[
          { value: 'all', label: 'All minimums must be met' },
          { value: 'any', label: 'Any one minimum is enough' },
        ]}
        onChange={(v) =>
          c('.qualification.combine', (x) => {
            x.combine = v as 'all' | 'any';
          })
        }
        error={p.errors.field('definition.cpa.qualification.combine')}
      />
      <div className="row">
        {MONEY_RULES.map(([key, label]) => (
          <Input
            key={key}
            p={p}
            path={`cpa.qualification.${key}`}
            label={`${label} (${p.currency})`}
            value={cpa.rules[key]}
            set={(d, v) => {
              d.cpa.rules[key] = v;
            }}
          />
        ))}
        {COUNT_RULES.map(([key, label]) => (
          <Input
            key={key}
            p={p}
            inputMode="numeric"
            path={`cpa.qualification.${key}`}
            label={label}
            value={cpa.rules[key]}
            set={(d, v) => {
              d.cpa.rules[key] = v;
            }}
          />
        ))}
        <Input
          p={p}
          inputMode="numeric"
          path="cpa.qualification.within_days"
          label="Within days of registration"
          value={cpa.within_days}
          set={(d, v) => {
            d.cpa.within_days = v;
          }}
        />
        <Input
          p={p}
          inputMode="numeric"
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
                    c('.qualification.countries', (x) => {
                      x.countries.splice(i, 1);
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
            c('.qualification.countries', (x) => {
              x.countries.push(v);
            })
          }
        />
        {p.errors.field('definition.cpa.qualification.countries') && (
          <p className="field-error">{p.errors.field('definition.cpa.qualification.countries')}</p>
        )}
      </fieldset>

      <label className="checkbox">
        <input
          type="checkbox"
          checked={cpa.tiers_on}
          onChange={(e) =>
            c('.tiers', (x) => {
              x.tiers_on = e.target.checked;
            })
          }
        />
        Tiers by the number of qualified customers in the period
      </label>
      {cpa.tiers_on && (
        <>
          <GroupError path="cpa.tiers.levels" p={p} />
          <SelectField
            id={p.errors.idOf('definition.cpa.tiers.mode')}
            label="CPA tier mode"
            value={cpa.tiers_mode}
            options={[
              { value: 'whole_period', label: 'The tier reached pays every CPA of the period' },
              { value: 'past_threshold', label: 'A tier pays only the CPAs past its threshold' },
            ]}
            onChange={(v) =>
              c('.tiers.mode', (x) => {
                x.tiers_mode = v as 'whole_period';
              })
            }
            error={p.errors.field('definition.cpa.tiers.mode')}
          />
          {cpa.levels.map((level, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: levels have no identity but their place
            <div className="row" key={i}>
              <Input
                p={p}
                inputMode="numeric"
                path={`cpa.tiers.levels[${i}].from`}
                label={`Tier ${i + 1} from customer`}
                value={level.from}
                set={(d, v) => {
                  (d.cpa.levels[i] as typeof level).from = v;
                }}
              />
              <Input
                p={p}
                path={`cpa.tiers.levels[${i}].amount`}
                label={`Tier ${i + 1} amount (${p.currency})`}
                value={level.amount}
                set={(d, v) => {
                  (d.cpa.levels[i] as typeof level).amount = v;
                }}
              />
              {cpa.levels.length > 1 && (
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() =>
                    c('.tiers', (x) => {
                      x.levels.splice(i, 1);
                    })
                  }
                >
                  Remove tier {i + 1}
                </button>
              )}
            </div>
          ))}
          <button
            type="button"
            className="button-secondary"
            onClick={() =>
              c('.tiers', (x) => {
                x.levels.push({ from: '', amount: '' });
              })
            }
          >
            Add a tier
          </button>
        </>
      )}
    </Section>
  );
}

const DEDUCTION_NAMES = Object.keys(DEDUCTION_LABELS);

export function RevShareSection(p: SectionProps) {
  const { revshare: r } = p.draft;
  const c = (path: string, fn: (x: Draft['revshare']) => void) =>
    p.change(`definition.revshare${path}`, (d) => fn(d.revshare));
  const unused = DEDUCTION_NAMES.filter((n) => !r.deductions.some((d) => d.name === n));
  const byNgr = r.tiers_by === 'ngr';
  return (
    <Section
      name="revshare"
      title="RevShare: a percentage of the customers' revenue"
      on={r.on}
      p={p}
      toggle={(on) =>
        c('', (x) => {
          x.on = on;
        })
      }
    >
      <div className="row">
        <SelectField
          id={p.errors.idOf('definition.revshare.basis')}
          label="RevShare basis"
          value={r.basis}
          options={[
            { value: 'ngr', label: 'NGR (GGR less the deductions below)' },
            { value: 'net_pl', label: 'Net P/L' },
            { value: 'net_deposits', label: 'Net deposits' },
          ]}
          onChange={(v) =>
            c('.basis', (x) => {
              x.basis = v as 'ngr';
            })
          }
          error={p.errors.field('definition.revshare.basis')}
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
      {r.basis === 'ngr' && (
        <>
          <h3>NGR deductions, in order</h3>
          <GroupError path="revshare.deductions" p={p} />
          {r.deductions.length === 0 && <p className="muted">None: NGR is GGR (bets less wins).</p>}
          <ol className="deductions">
            {r.deductions.map((d, i) => (
              <li key={d.name} className="row" data-deduction={d.name}>
                <span id={p.errors.idOf(`definition.revshare.deductions[${i}]`)} className="deduction-name">
                  {DEDUCTION_LABELS[d.name] ?? d.name}
                </span>
                {isPercentDeduction(d.name) && (
                  <Input
                    p={p}
                    path={`revshare.deductions[${i}].${d.name}`}
                    label={`${DEDUCTION_LABELS[d.name]} %`}
                    value={d.percent}
                    set={(x, v) => {
                      (x.revshare.deductions[i] as typeof d).percent = v;
                    }}
                  />
                )}
                <button
                  type="button"
                  className="button-secondary"
                  disabled={i === 0}
                  onClick={() =>
                    c('.deductions', (x) => {
                      x.deductions = move(x.deductions, i, i - 1);
                    })
                  }
                  aria-label={`Move ${DEDUCTION_LABELS[d.name]} up`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button-secondary"
                  disabled={i === r.deductions.length - 1}
                  onClick={() =>
                    c('.deductions', (x) => {
                      x.deductions = move(x.deductions, i, i + 1);
                    })
                  }
                  aria-label={`Move ${DEDUCTION_LABELS[d.name]} down`}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() =>
                    c('.deductions', (x) => {
                      x.deductions.splice(i, 1);
                    })
                  }
                  aria-label={`Remove ${DEDUCTION_LABELS[d.name]}`}
                >
                  Remove
                </button>
                {p.errors.field(`definition.revshare.deductions[${i}]`) && (
                  <p className="field-error">{p.errors.field(`definition.revshare.deductions[${i}]`)}</p>
                )}
              </li>
            ))}
          </ol>
          {unused.length > 0 && (
            <SelectField
              label="Add a deduction"
              value=""
              empty="Choose a deduction to add"
              options={unused.map((n) => ({ value: n, label: DEDUCTION_LABELS[n] ?? n }))}
              onChange={(v) =>
                v &&
                c('.deductions', (x) => {
                  x.deductions.push({ name: v, percent: '' });
                })
              }
            />
          )}
        </>
      )}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={r.tiers_on}
          onChange={(e) =>
            c('.tiers', (x) => {
              x.tiers_on = e.target.checked;
            })
          }
        />
        Tiers (bands with their own rates)
      </label>
      {r.tiers_on && (
        <>
          <GroupError path="revshare.tiers.bands" p={p} />
          <div className="row">
            <SelectField
              id={p.errors.idOf('definition.revshare.tiers.mode')}
              label="RevShare tier mode"
              value={r.tiers_mode}
              options={[
                { value: 'tiered', label: 'Tiered: the rate reached applies to the whole amount' },
                { value: 'ladder', label: 'Ladder: each rate applies to the part inside its band' },
              ]}
              onChange={(v) =>
                c('.tiers.mode', (x) => {
                  x.tiers_mode = v as 'tiered';
                })
              }
              error={p.errors.field('definition.revshare.tiers.mode')}
            />
            <SelectField
              id={p.errors.idOf('definition.revshare.tiers.by')}
              label="RevShare tiers by"
              value={r.tiers_by}
              options={[
                { value: 'ngr', label: `The amount (${p.currency})` },
                { value: 'qualified_customers', label: 'Qualified customers in the period' },
              ]}
              onChange={(v) =>
                c('.tiers.by', (x) => {
                  x.tiers_by = v as 'ngr';
                })
              }
              error={p.errors.field('definition.revshare.tiers.by')}
            />
          </div>
          {r.bands.map((band, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: bands have no identity but their place
            <div className="row" key={i}>
              <Input
                p={p}
                inputMode={byNgr ? 'decimal' : 'numeric'}
                path={`revshare.tiers.bands[${i}].from`}
                label={`Band ${i + 1} from${byNgr ? ` (${p.currency})` : ' (customers)'}`}
                value={band.from}
                set={(d, v) => {
                  (d.revshare.bands[i] as typeof band).from = v;
                }}
              />
              <Input
                p={p}
                path={`revshare.tiers.bands[${i}].rate`}
                label={`Band ${i + 1} rate (%)`}
                value={band.rate}
                set={(d, v) => {
                  (d.revshare.bands[i] as typeof band).rate = v;
                }}
              />
              {r.bands.length > 1 && (
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() =>
                    c('.tiers', (x) => {
                      x.bands.splice(i, 1);
                    })
                  }
                >
                  Remove band {i + 1}
                </button>
              )}
            </div>
          ))}
          <button
            type="button"
            className="button-secondary"
            onClick={() =>
              c('.tiers', (x) => {
                x.bands.push({ from: '', rate: '' });
              })
            }
          >
            Add a band
          </button>
        </>
      )}
      <label className="checkbox">
        <input
          type="checkbox"
          checked={r.carry_over}
          onChange={(e) =>
            c('.carry_over', (x) => {
              x.carry_over = e.target.checked;
            })
          }
        />
        A negative balance carries over to the next period
      </label>
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
  const c = (path: string, fn: (x: Draft['sale_share']) => void) =>
    p.change(`definition.sale_share${path}`, (d) => fn(d.sale_share));
  return (
    <Section
      name="sale_share"
      title="Sale share: for SaaS and shops"
      on={s.on}
      p={p}
      toggle={(on) =>
        c('', (x) => {
          x.on = on;
        })
      }
    >
      <div className="row">
        <SelectField
          label="Pays"
          value={s.kind}
          options={[
            { value: 'percent', label: 'A percentage of each sale' },
            { value: 'amount', label: 'A fixed amount per sale' },
          ]}
          onChange={(v) =>
            c('', (x) => {
              x.kind = v as 'percent';
            })
          }
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
        <SelectField
          id={p.errors.idOf('definition.sale_share.duration')}
          label="For"
          value={s.duration}
          options={[
            { value: 'first_sale', label: 'The first sale only' },
            { value: 'months', label: 'A number of months of recurring sales' },
            { value: 'lifetime', label: "The customer's lifetime" },
          ]}
          onChange={(v) =>
            c('.duration', (x) => {
              x.duration = v as 'months';
            })
          }
          error={p.errors.field('definition.sale_share.duration')}
        />
        {s.duration === 'months' && (
          <Input
            p={p}
            inputMode="numeric"
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

export function SubAffiliateSection(p: SectionProps) {
  const { sub_affiliate: s } = p.draft;
  const c = (path: string, fn: (x: Draft['sub_affiliate']) => void) =>
    p.change(`definition.sub_affiliate${path}`, (d) => fn(d.sub_affiliate));
  return (
    <Section
      name="sub_affiliate"
      title="Sub-affiliate cuts to the referring affiliate"
      on={s.on}
      p={p}
      toggle={(on) =>
        c('', (x) => {
          x.on = on;
        })
      }
    >
      <GroupError path="sub_affiliate.levels" p={p} />
      {s.levels.map((level, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: levels have no identity but their place
        <div key={i}>
          <h3>Level {i + 1}</h3>
          <GroupError path={`sub_affiliate.levels[${i}]`} p={p} />
          <div className="row">
            <Input
              p={p}
              path={`sub_affiliate.levels[${i}].cpa_fee`}
              label={`Level ${i + 1} CPA fee (${p.currency})`}
              hint="Per qualified customer of the sub-affiliate"
              value={level.cpa_fee}
              set={(d, v) => {
                (d.sub_affiliate.levels[i] as typeof level).cpa_fee = v;
              }}
            />
            <Input
              p={p}
              path={`sub_affiliate.levels[${i}].revshare_cut_percent`}
              label={`Level ${i + 1} RevShare cut (%)`}
              value={level.revshare_cut_percent}
              set={(d, v) => {
                (d.sub_affiliate.levels[i] as typeof level).revshare_cut_percent = v;
              }}
            />
            <Input
              p={p}
              path={`sub_affiliate.levels[${i}].net_pl_cut_percent`}
              label={`Level ${i + 1} net P/L cut (%)`}
              value={level.net_pl_cut_percent}
              set={(d, v) => {
                (d.sub_affiliate.levels[i] as typeof level).net_pl_cut_percent = v;
              }}
            />
          </div>
        </div>
      ))}
      {s.levels.length < 2 ? (
        <button
          type="button"
          className="button-secondary"
          onClick={() =>
            c('.levels', (x) => {
              x.levels.push({ cpa_fee: '', revshare_cut_percent: '', net_pl_cut_percent: '' });
            })
          }
        >
          Add level 2
        </button>
      ) : (
        <button
          type="button"
          className="button-secondary"
          onClick={() =>
            c('.levels', (x) => {
              x.levels.pop();
            })
          }
        >
          Remove level 2
        </button>
      )}
    </Section>
  );
}
