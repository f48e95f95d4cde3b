import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import { EmptyState } from '../../components/EmptyState.tsx';
import { formatDateTime } from '../../format.ts';
import './plans.css';

type Card =
  paths['/api/partner/v1/commission-plans']['get']['responses'][200]['content']['application/json']['data'][number];

const plansQuery = queryOptions({
  queryKey: ['portal', 'commission-plans'],
  queryFn: () => unwrap(api.GET('/api/partner/v1/commission-plans')),
});

const APPLIES: Record<Card['applies_as'][number], string> = {
  affiliate: 'your plan',
  campaign: 'on your campaign',
  brand: "the brand's default",
};

function applies(card: Card): string {
  if (!card.applies_as.length) return 'offered';
  return card.applies_as
    .map((a) =>
      a === 'campaign' && card.campaign_ids.length
        ? `on campaign ${card.campaign_ids.join(', ')}`
        : APPLIES[a],
    )
    .join(', ');
}

/** What each plan pays, in plain numbers: those that apply to you and those on offer. */
export function CommissionPlansPage() {
  const list = useQuery(plansQuery);
  const cards = list.data?.data ?? [];
  return (
    <>
      <h1>Commission plans</h1>
      <p className="muted">
        What you earn on each brand. A campaign’s plan comes first, then your own plan, then the brand’s
        default.
      </p>
      {list.isError && <p role="alert">The plans could not be loaded. Try again in a moment.</p>}
      {list.isSuccess && !cards.length && (
        <EmptyState title="No commission plans yet.">
          Ask your account manager which plan applies to you.
        </EmptyState>
      )}
      <ul className="plan-cards" aria-label="Commission plans">
        {cards.map((card) => (
          <li key={card.id}>
            <article className="card plan-card" data-testid="plan-card">
              <h2>{card.name}</h2>
              <p className="muted">
                {card.brand.name} · {card.currency} · {card.deal_type}
              </p>
              <p>
                <span className={card.applies_as.length ? 'badge badge-ok' : 'badge'}>{applies(card)}</span>{' '}
                <span className="muted">
                  version {card.version}, since {formatDateTime(card.effective_from)}
                </span>
              </p>
              {card.description && <p>{card.description}</p>}
              {card.components.map((c) => (
                <section key={c.component}>
                  <h3>{c.title}</h3>
                  <ul>
                    {c.lines.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                </section>
              ))}
            </article>
          </li>
        ))}
      </ul>
    </>
  );
}
