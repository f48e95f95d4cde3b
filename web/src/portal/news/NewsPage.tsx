import './news.css';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { Pager } from '../../components/Pager.tsx';
import { formatDateTime } from '../../format.ts';
import { newsPageQuery, PAGE_SIZE } from './news-query.ts';

const EXCERPT = 280;

/** The first paragraph, without Markdown marks, cut at a word. */
function excerpt(body: string): string {
  const first = (body.split(/\n\s*\n/)[0] ?? '').replace(/[#*_>`]/g, '').trim();
  if (first.length <= EXCERPT) return first;
  const cut = first.slice(0, EXCERPT);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), 1))}…`;
}

/** The program's news, newest first; each opens in full from its banner, title or "Show more". */
export function NewsPage() {
  const [page, setPage] = useState(1);
  const news = useQuery(newsPageQuery(page));
  const items = news.data?.data ?? [];
  return (
    <>
      <h1>News</h1>
      {news.isPending && <p className="muted">Loading…</p>}
      {news.isError && <p className="form-summary">{news.error.message}</p>}
      {news.data && items.length === 0 && <p className="muted">The program has published no news yet.</p>}
      <div className="news-list">
        {items.map((n) => (
          <article key={n.id} className="panel news-card" aria-labelledby={`news-${n.id}`}>
            {n.banner_url && (
              <Link to="/portal/news/$id" params={{ id: String(n.id) }} tabIndex={-1} aria-hidden="true">
                <img className="news-banner" src={n.banner_url} alt="" loading="lazy" />
              </Link>
            )}
            <h2 id={`news-${n.id}`}>
              <Link to="/portal/news/$id" params={{ id: String(n.id) }}>
                {n.title}
              </Link>
            </h2>
            <p className="muted">
              {formatDateTime(n.published_at)}
              {n.brand && ` · ${n.brand.name}`}
            </p>
            <p>{excerpt(n.body)}</p>
            <Link to="/portal/news/$id" params={{ id: String(n.id) }} aria-label={`Show more: ${n.title}`}>
              Show more
            </Link>
          </article>
        ))}
      </div>
      {news.data && news.data.paging.total > PAGE_SIZE && (
        <Pager
          page={page}
          pageSize={PAGE_SIZE}
          total={news.data.paging.total}
          onPage={setPage}
          label="News pages"
        />
      )}
    </>
  );
}
