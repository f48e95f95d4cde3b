import { Type } from 'typebox';
import { ListOf, Nullable, PageQuery, Timestamp } from './common.ts';

export const SubAffiliateQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const SubAffiliate = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    level: Type.Integer({
      minimum: 1,
      maximum: 2,
      description: '1: referred by the affiliate; 2: referred by one of its level-1 sub-affiliates',
    }),
    status: Type.String({ description: "The sub-affiliate's account status" }),
    campaign: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
    promo: Nullable(Type.Object({ id: Type.Integer(), code: Type.String(), title: Type.String() })),
    registered_at: Timestamp,
    commissions: Type.Array(
      Type.Object({
        currency: Type.String(),
        amount: Type.Integer({
          description: 'Minor units of `currency`: the sub-affiliate cuts earned from it at its level',
        }),
      }),
      { description: 'Per currency; empty when nothing was earned from it yet' },
    ),
  },
  { additionalProperties: false },
);

export const SubAffiliatePage = ListOf(SubAffiliate);

export const SUB_AFFILIATES_HELP =
  'The affiliates referred into the program (level 1) and those they referred (level 2), newest first, with what was earned from each in sub-affiliate commissions (CPA fees, RevShare and net P/L cuts; rejected ones left out), per currency in minor units. The campaign and promo are those the sub-affiliate signed up through, when known.';

export const SUB_AFFILIATE_REPORT_HELP = `The sub-affiliate report: the sub-affiliates' own figures (any
measurement of a performance report, over their rows) and what the affiliate earned from them in
sub-affiliate commissions, split by the level the plan paid (\`sub_commission_level_1\`,
\`sub_commission_level_2\`; \`sub_commission\` is both), over [from, to) at the time earned, not
rejected. Group by \`sub_affiliate\` (each row names it and its level, 1 or 2) and/or one period
(hour, day, week starting Monday, month, quarter, year, in \`timezone\`); no grouping is one row
per currency for all of them. Currencies work as in a performance report: each amount in its own,
or with \`currency\` all converted at the rates of \`rate_date\`, the rates used in \`conversion\`.
Totals are over every row, not only the page.`;
