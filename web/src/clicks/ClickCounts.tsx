import type { ClickCounts as Counts } from './queries.ts';

const PERIODS = [
  ['today', 'Today'],
  ['last_7_days', '7 days'],
  ['last_30_days', '30 days'],
] as const;

const number = new Intl.NumberFormat();

/**
 * Clicks and unique clicks today, in the last 7 and 30 days. `compact` fits a table cell or a
 * card; without it the numbers stand out, for a home page or an affiliate's page. No counts yet
 * (loading, or nothing the reader may see) reads as dashes, never as zeros that are not known.
 */
export function ClickCounts({
  counts,
  compact = false,
  label = 'Clicks',
}: {
  counts: Counts | undefined;
  compact?: boolean;
  /** Names the numbers for screen readers and tests ("Clicks of Spring push"). */
  label?: string;
}) {
  return (
    <dl
      className={compact ? 'click-counts compact' : 'click-counts'}
      aria-label={label}
      data-testid="click-counts"
    >
      {PERIODS.map(([period, name]) => {
        const tally = counts?.[period];
        return (
          <div key={period} data-period={period}>
            <dt>{name}</dt>
            <dd>
              <span className="click-number" data-testid={`clicks-${period}`}>
                {tally ? number.format(tally.clicks) : '—'}
              </span>{' '}
              <span className="muted">{tally?.clicks === 1 ? 'click' : 'clicks'}</span>
              <span className="click-unique muted" data-testid={`unique-${period}`}>
                {tally ? number.format(tally.unique_clicks) : '—'} unique
              </span>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
