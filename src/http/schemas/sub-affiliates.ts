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
