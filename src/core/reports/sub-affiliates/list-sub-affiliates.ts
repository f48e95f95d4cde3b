import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';

/**
 * The affiliate's sub-affiliates as rows (id, name, status, applied_at, signup_info, level, via):
 * level 1 names it as referrer, level 2 names one of those (itself left out, should two refer
 * each other).
 */
export function subAffiliatesOf(affiliateId: number) {
  return sql`
    select id, name, status, applied_at, signup_info, 1 as level, referrer_id as via
      from affiliates where referrer_id = ${affiliateId}
    union all
    select s.id, s.name, s.status, s.applied_at, s.signup_info, 2 as level, s.referrer_id
      from affiliates s join affiliates d on d.id = s.referrer_id
     where d.referrer_id = ${affiliateId} and s.id <> ${affiliateId}`;
}

export interface SubAffiliateEarning {
  currency: string;
  /** Minor units of `currency`: the cuts the affiliate earned from this sub-affiliate. */
  amount: bigint;
}

export interface SubAffiliate {
  id: number;
  name: string;
  /** 1: the affiliate referred it; 2: one of its level-1 sub-affiliates did. */
  level: 1 | 2;
  status: string;
  campaign: { id: number; name: string } | null;
  promo: { id: number; code: string; title: string } | null;
  registered_at: Date;
  commissions: SubAffiliateEarning[];
}

/**
 * The affiliates an affiliate brought into the program (level 1: `referrer_id` is it) and those
 * they brought (level 2), the two levels sub-affiliate commissions pay, newest first, with what
 * the affiliate earned from each: its sub_cpa, sub_revshare and sub_net_pl rows of that level
 * (rejected and reversed ones left out; a claw-back counts with its sign), per currency. The
 * campaign and promo are the affiliate's own promo the sub-affiliate signed up through, when the
 * sign-up recorded its code (`signup_info.promo_code`) and it is one of the affiliate's promos.
 */
export async function listSubAffiliates(options: {
  db: Db;
  affiliateId: number;
  limit: number;
  offset: number;
}): Promise<{ data: SubAffiliate[]; total: number }> {
  const { db, affiliateId } = options;
  const subs = subAffiliatesOf(affiliateId);
  const [rows, count] = await Promise.all([
    sql<{
      id: number;
      name: string;
      status: string;
      level: number;
      applied_at: Date;
      campaign_id: number | null;
      campaign_name: string | null;
      promo_id: number | null;
      promo_code: string | null;
      promo_title: string | null;
      earnings: { currency: string; amount: string }[] | null;
    }>`
      with subs as (${subs})
      select subs.id, subs.name, subs.status, subs.level, subs.applied_at,
             c.id as campaign_id, c.name as campaign_name,
             p.id as promo_id, p.code as promo_code, p.title as promo_title,
             (select json_agg(json_build_object('currency', e.currency, 'amount', e.amount::text)
                              order by e.currency)
                from (select currency, sum(amount) as amount from commissions
                       where affiliate_id = ${affiliateId} and source_affiliate_id = subs.id
                         and level = subs.level and status not in ('rejected', 'reversed')
                       group by currency) e) as earnings
        from subs
        left join promos p on p.code = subs.signup_info ->> 'promo_code' and p.affiliate_id = ${affiliateId}
        left join campaigns c on c.id = p.campaign_id
       order by subs.applied_at desc, subs.id desc
       limit ${options.limit} offset ${options.offset}`.execute(db),
    sql<{ n: string }>`with subs as (${subs}) select count(*) as n from subs`.execute(db),
  ]);
  return {
    total: Number(count.rows[0]?.n ?? 0),
    data: rows.rows.map((r) => ({
      id: r.id,
      name: r.name,
      level: r.level === 2 ? 2 : 1,
      status: r.status,
      campaign: r.campaign_id === null ? null : { id: r.campaign_id, name: r.campaign_name ?? '' },
      promo:
        r.promo_id === null ? null : { id: r.promo_id, code: r.promo_code ?? '', title: r.promo_title ?? '' },
      registered_at: r.applied_at,
      commissions: (r.earnings ?? []).map((e) => ({ currency: e.currency, amount: BigInt(e.amount) })),
    })),
  };
}
