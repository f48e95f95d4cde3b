import type { Draft } from './draft.ts';
import { field, GroupError, Input, Rows, Section, type SectionProps } from './fields.tsx';

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
                {...field(level, key, (d) => d.sub_affiliate.levels[i]!)}
              />
            ))}
          </>
        )}
      </Rows>
    </Section>
  );
}
