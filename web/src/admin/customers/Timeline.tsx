import type { ReactNode } from 'react';
import type { Money } from '../../customers/money.ts';
import { formatDateTime, humanize, sentenceCase } from '../../format.ts';
import type { EventEntry } from '../events/api.ts';
import { EventWhat } from '../events/EventWhat.tsx';
import type { TimelineEntry } from './api.ts';
import { Explanation, type ExplanationData } from './Explanation.tsx';
import type { Names } from './names.tsx';

type Bag = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** key=value pairs of what a click carried: its sub-ids, then every other parameter. */
export function ClickParameters({ click }: { click: Bag }) {
  const subs = [1, 2, 3, 4, 5].map((n) => [`sub${n}`, click[`sub${n}`]] as const).filter(([, v]) => v);
  const params = Object.entries((click.params as Bag | null) ?? {});
  if (subs.length === 0 && params.length === 0) return <span className="muted">none</span>;
  return (
    <ul className="params" aria-label="Click parameters">
      {[...subs, ...params].map(([key, value]) => (
        <li key={key}>
          <code>
            {key}={str(value)}
          </code>
        </li>
      ))}
    </ul>
  );
}

function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {items.map(([label, value]) => (
        <div className="fact" key={label}>
          <dt>{label}</dt>
          <dd data-field={label}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function ClickEntry({ click, names }: { click: Bag; names: Names }) {
  const affiliate = Number(click.affiliate_id);
  return (
    <>
      <h3>Click on a tracking link</h3>
      <Facts
        items={[
          ['Click id', <code key="id">{str(click.id)}</code>],
          ['Affiliate', names.affiliate(affiliate) ?? `Affiliate #${affiliate}`],
          ['Campaign and promo', `Campaign #${str(click.campaign_id)}, promo #${str(click.promo_id)}`],
          ['Parameters', <ClickParameters key="p" click={click} />],
          ['Country', str(click.country) || '—'],
          ['Device', str(click.device_type) || '—'],
          [
            'Visitor',
            click.is_bot ? 'a bot (by its user agent)' : click.is_unique ? 'unique' : 'a repeat click',
          ],
        ]}
      />
    </>
  );
}

function EventItem({ event: e, money }: { event: EventEntry; money: Money }) {
  const unattributed = e.attribution.status === 'unattributed';
  return (
    <>
      <h3>
        {sentenceCase(e.type)} <EventWhat event={e} money={money} empty={null} />
      </h3>
      <Facts
        items={[
          ['Event id', <code key="id">{e.event_id}</code>],
          ['Received', formatDateTime(e.received_at)],
          ...(e.flags.length || e.held
            ? ([['Fraud', e.held ? `held (${e.flags.join(', ')})` : e.flags.join(', ')]] as [
                string,
                ReactNode,
              ][])
            : []),
        ]}
      />
      <details className="why" open={unattributed}>
        <summary>{unattributed ? 'Unattributed: why' : `Attribution: ${e.attribution.summary}`}</summary>
        <Explanation explanation={e.attribution.explanation} />
      </details>
    </>
  );
}

const DECISION_TITLES: Record<string, string> = {
  initial: 'Attributed',
  takeover: 'Moved by a newer click',
  operator_attribution: 'Attributed by an operator',
  reattribution: 'Re-attributed by an operator',
};

function DecisionEntry({ decision: d, names }: { decision: Bag; names: Names }) {
  const affiliate = Number(d.affiliate_id);
  const actor = d.actor as { type?: string; name?: string } | undefined;
  const operator = d.kind === 'operator_attribution' || d.kind === 'reattribution';
  return (
    <>
      <h3>
        {DECISION_TITLES[str(d.kind)] ?? sentenceCase(str(d.kind))}:{' '}
        {names.affiliate(affiliate) ?? `affiliate #${affiliate}`}
      </h3>
      {operator && actor?.name && (
        <p className="muted">
          By {actor.name} ({humanize(str(actor.type))})
        </p>
      )}
      <Explanation explanation={d.explanation as ExplanationData} />
    </>
  );
}

const RULE_SENTENCES: Record<string, (d: Bag) => string> = {
  bot_click: (d) => `click ${str(d.click_id)} came from a bot (by its user agent)`,
  fast_registration: (d) =>
    `registered ${Math.round(Number(d.seconds))} seconds after the click, under the ${str(d.limit_seconds)}-second limit`,
  self_referral: (d) =>
    `the customer’s ${humanize(str(d.matched))} matches a user of affiliate ${str(d.affiliate_id)}`,
  duplicate_customer: (d) => `same ${humanize(str(d.matched))} as customer ${str(d.other_customer_id)}`,
  country_not_allowed: (d) =>
    `country ${str(d.country)} is not among the allowed ${((d.allowed as string[]) ?? []).join(', ')}`,
};

function FlagEntry({ flag }: { flag: Bag }) {
  const rule = str(flag.rule);
  const detail = (flag.detail as Bag | null) ?? {};
  const held = flag.mode === 'hold';
  return (
    <>
      <h3>
        Fraud rule matched: {humanize(rule)}{' '}
        <span className={held ? 'badge badge-bad' : 'badge badge-warn'}>{held ? 'held' : 'flagged'}</span>
      </h3>
      <p>
        {RULE_SENTENCES[rule]?.(detail) ??
          Object.entries(detail)
            .map(([k, v]) => `${k}: ${str(v)}`)
            .join(', ')}
        {held && '. Its commissions wait until you release them.'}
      </p>
    </>
  );
}

const KIND_CLASS: Record<TimelineEntry['kind'], string> = {
  click: 'timeline-click',
  event: 'timeline-event',
  attribution: 'timeline-attribution',
  fraud_flag: 'timeline-flag',
};

/** The customer's story in time order: the click, each event, each decision, each fraud flag. */
export function Timeline({
  entries,
  names,
  money,
}: {
  entries: TimelineEntry[];
  names: Names;
  money: Money;
}) {
  if (entries.length === 0) return <p className="muted">Nothing recorded yet.</p>;
  return (
    <ol className="timeline" aria-label="Timeline">
      {entries.map((entry, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the timeline is only ever replaced whole
        <li key={i} className={`timeline-entry ${KIND_CLASS[entry.kind]}`} data-kind={entry.kind}>
          <time className="timeline-when" dateTime={entry.at}>
            {formatDateTime(entry.at)}
          </time>
          <div className="timeline-body">
            {entry.click && <ClickEntry click={entry.click} names={names} />}
            {entry.event && <EventItem event={entry.event} money={money} />}
            {entry.decision && <DecisionEntry decision={entry.decision} names={names} />}
            {entry.flag && <FlagEntry flag={entry.flag} />}
          </div>
        </li>
      ))}
    </ol>
  );
}
