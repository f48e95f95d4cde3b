import type { ClickCountSubject } from '../../db/tables/click-counts.ts';
import { describeAgent, type RawClick } from './click-rows.ts';

const HOUR = 3_600_000;

/** The parameters of ADD_CLICK_COUNTS: one array per column, one element per subject and hour. */
export type ClickCountParameters = [
  subjects: ClickCountSubject[],
  ids: number[],
  hours: string[],
  clicks: number[],
  unique: number[],
  bots: number[],
];

type Tally = [
  subject: ClickCountSubject,
  id: number,
  hour: number,
  clicks: number,
  unique: number,
  bots: number,
];

/**
 * A batch's clicks counted per hour for the platform and for each affiliate, campaign, promo and
 * destination link, for `click_counts`. Sorted by key, so two writers adding to the same rows at
 * once lock them in the same order and cannot deadlock.
 */
export function clickCountParameters(clicks: readonly RawClick[]): ClickCountParameters {
  const tallies = new Map<string, Tally>();
  const add = (subject: ClickCountSubject, id: number, hour: number, unique: boolean, bot: boolean) => {
    const key = `${subject}\t${id}\t${hour}`;
    let tally = tallies.get(key);
    if (!tally) {
      tally = [subject, id, hour, 0, 0, 0];
      tallies.set(key, tally);
    }
    tally[3]++;
    if (unique) tally[4]++;
    if (bot) tally[5]++;
  };
  for (const [, at, promo, campaign, affiliate, , link, , , , userAgent, , unique] of clicks) {
    const hour = Math.floor(at / HOUR) * HOUR;
    const { bot } = describeAgent(userAgent);
    add('platform', 0, hour, unique, bot);
    add('affiliate', affiliate, hour, unique, bot);
    add('campaign', campaign, hour, unique, bot);
    add('promo', promo, hour, unique, bot);
    add('destination_link', link, hour, unique, bot);
  }
  const sorted = [...tallies.values()].sort((x, y) =>
    x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : x[1] - y[1] || x[2] - y[2],
  );
  const out: ClickCountParameters = [[], [], [], [], [], []];
  for (const [subject, id, hour, n, unique, bots] of sorted) {
    out[0].push(subject);
    out[1].push(id);
    out[2].push(new Date(hour).toISOString());
    out[3].push(n);
    out[4].push(unique);
    out[5].push(bots);
  }
  return out;
}

/** Adds the counts of clickCountParameters, its arrays as parameters `$<first>` onwards. */
export function addClickCounts(first: number): string {
  const p = (i: number) => `$${first + i}`;
  return `insert into click_counts (subject, subject_id, hour, clicks, unique_clicks, bot_clicks)
  select * from unnest(${p(0)}::text[], ${p(1)}::int[], ${p(2)}::timestamptz[], ${p(3)}::bigint[], ${p(4)}::bigint[], ${p(5)}::bigint[])
  on conflict (subject, subject_id, hour) do update set
    clicks = click_counts.clicks + excluded.clicks,
    unique_clicks = click_counts.unique_clicks + excluded.unique_clicks,
    bot_clicks = click_counts.bot_clicks + excluded.bot_clicks`;
}
