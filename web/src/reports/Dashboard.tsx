import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { displayTimeZone } from '../format.ts';
import { type Audience, allowedMetricsQuery, reportQuery } from './api.ts';
import { Chart, type ChartOption } from './Chart.tsx';
import { DIMENSION_LABELS, type Dimension, METRICS, type Metric } from './catalog.ts';
import { formatCount } from './cells.ts';
import {
  DASHBOARD_METRICS,
  type DashboardPlan,
  dashboardPlan,
  type Figures,
  figuresByDay,
  figuresIn,
  major,
  moneyText,
  QUICK_STATS,
  quickRange,
  ranked,
} from './dashboard-data.ts';

interface DashboardProps {
  audience: Audience;
  /** Convert money into this currency (the affiliate's report currency); none: each its own. */
  currency?: string | null;
  /** The ranking chart: top affiliates (back office) or top campaigns (portal). */
  topBy: Dimension;
}

/** Quick stats and charts of the last days, from the report API. */
export function Dashboard({ audience, currency, topBy }: DashboardProps) {
  const allowed = useQuery(allowedMetricsQuery(audience));
  const timeZone = displayTimeZone();
  const plan = useMemo(
    () =>
      allowed.data &&
      dashboardPlan({
        timeZone,
        currency,
        topBy,
        columns: DASHBOARD_METRICS.filter((m) => allowed.data.includes(m)),
      }),
    [allowed.data, timeZone, currency, topBy],
  );
  if (allowed.isError) return <p className="form-summary">{allowed.error.message}</p>;
  if (!plan) return <p className="muted">Loading figures…</p>;
  return <DashboardFigures audience={audience} plan={plan} currency={currency} topBy={topBy} />;
}

function DashboardFigures({
  audience,
  plan,
  currency,
  topBy,
}: Required<Omit<DashboardProps, 'currency'>> & { plan: DashboardPlan; currency?: string | null }) {
  const daily = useQuery(reportQuery(audience, plan.daily));
  const top = useQuery(reportQuery(audience, plan.top));
  const countries = useQuery(reportQuery(audience, plan.countries));
  const metrics = useMemo(() => plan.daily.columns ?? [], [plan]);
  const days = useMemo(
    () => figuresByDay(daily.data?.rows ?? [], plan.daily.timezone ?? 'UTC'),
    [daily.data, plan.daily.timezone],
  );
  // One option object per answer: a new one redraws the chart from scratch.
  const timeline = useMemo(() => overTime(plan, days, metrics), [plan, days, metrics]);
  const topBars = useMemo(() => bars(ranked(top.data?.rows ?? [], topBy)), [top.data, topBy]);
  const countryBars = useMemo(() => bars(ranked(countries.data?.rows ?? [], 'country')), [countries.data]);
  const error = daily.error ?? top.error ?? countries.error;
  return (
    <>
      {error && <p className="form-summary">{error.message}</p>}
      <section className="panel" aria-labelledby="quick-stats-title">
        <h2 id="quick-stats-title">Quick stats</h2>
        <div className="quick-stats" data-testid="quick-stats">
          {QUICK_STATS.map((q) => (
            <QuickStat
              key={q.key}
              label={q.label}
              figures={figuresIn(days, quickRange(q.key, plan.today))}
              metrics={metrics}
              currency={currency}
            />
          ))}
        </div>
      </section>
      <section className="panel" aria-labelledby="over-time-title">
        <h2 id="over-time-title">Last 30 days</h2>
        <Chart label="Clicks, registrations, FTDs and commissions per day" option={timeline} />
      </section>
      <div className="chart-pair">
        <section className="panel" aria-labelledby="top-title">
          <h2 id="top-title">Top {DIMENSION_LABELS[topBy].toLowerCase()}s by clicks</h2>
          <Chart label={`Clicks per ${topBy}`} option={topBars} />
        </section>
        <section className="panel" aria-labelledby="countries-title">
          <h2 id="countries-title">Clicks by country</h2>
          <Chart label="Clicks per country" option={countryBars} />
        </section>
      </div>
    </>
  );
}

function QuickStat(props: { label: string; figures: Figures; metrics: Metric[]; currency?: string | null }) {
  return (
    <dl className="quick-stat" aria-label={props.label}>
      <dt className="quick-stat-title">{props.label}</dt>
      {props.metrics.map((m) => (
        <dd key={m}>
          <span className="muted">{METRICS[m].label}</span>{' '}
          <strong data-testid={`stat-${m}`}>
            {m === 'total_commission'
              ? moneyText(props.figures.money, props.currency)
              : formatCount(props.figures.counts[m] ?? 0)}
          </strong>
        </dd>
      ))}
    </dl>
  );
}

function overTime(plan: DashboardPlan, days: Map<string, Figures>, metrics: Metric[]): ChartOption {
  const at = (day: string) => days.get(day);
  const counts = metrics.filter((m) => m !== 'total_commission');
  const currencies = [...new Set([...days.values()].flatMap((f) => Object.keys(f.money)))];
  const money = metrics.includes('total_commission') ? currencies : [];
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, bottom: 8, top: 40, containLabel: true },
    xAxis: { type: 'category', data: plan.chartDays.map((d) => d.slice(5)) },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', show: money.length > 0, splitLine: { show: false } },
    ],
    series: [
      ...counts.map((m) => ({
        type: 'line' as const,
        name: METRICS[m].label,
        showSymbol: false,
        data: plan.chartDays.map((d) => at(d)?.counts[m] ?? 0),
      })),
      ...money.map((c) => ({
        type: 'bar' as const,
        name: `Commissions ${c}`,
        yAxisIndex: 1,
        barMaxWidth: 12,
        data: plan.chartDays.map((d) => major(at(d)?.money[c] ?? 0, c)),
      })),
    ],
  };
}

function bars(groups: { label: string; clicks: number }[]): ChartOption {
  const shown = [...groups].reverse();
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 16, bottom: 8, top: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: shown.map((g) => g.label) },
    series: [{ type: 'bar', name: 'Clicks', barMaxWidth: 24, data: shown.map((g) => g.clicks) }],
  };
}
