import './news.css';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { SafeMarkdown } from '../../components/SafeMarkdown.tsx';
import { formatDateTime } from '../../format.ts';
import { newsItemQuery } from './news-query.ts';

/** One news item in full, with its banner. */
export function NewsItemPage() {
  const id = Number(useParams({ strict: false }).id);
  const item = useQuery(newsItemQuery(id));
  return (
    <>
      <p>
        <Link to="/portal/news">← All news</Link>
      </p>
      {item.isPending && <p className="muted">Loading…</p>}
      {item.isError && <p className="form-summary">{item.error.message}</p>}
      {item.data && (
        <article className="panel news-item" aria-labelledby="news-title">
          {item.data.banner_url && <img className="news-banner" src={item.data.banner_url} alt="" />}
          <h1 id="news-title">{item.data.title}</h1>
          <p className="muted">
            {formatDateTime(item.data.published_at)}
            {item.data.brand && ` · ${item.data.brand.name}`}
          </p>
          <SafeMarkdown text={item.data.body} />
        </article>
      )}
    </>
  );
}
