import { Link } from '@tanstack/react-router';
import { humanize } from '../../../format.ts';
import type { Media } from '../api.ts';

export function MediaCard({ media }: { media: Media }) {
  const size = media.width && media.height ? `${media.width}×${media.height}` : 'any size';
  return (
    <li className="media-card" data-testid="media-card">
      <div className="media-thumb">
        <img src={media.url} alt={media.title} loading="lazy" />
      </div>
      <h3>
        <Link to="/admin/media/$id" params={{ id: String(media.id) }}>
          {media.title}
        </Link>
      </h3>
      <p className="muted">
        {media.format.toUpperCase()} · {size}
        {media.orientation && ` · ${humanize(media.orientation)}`}
        {media.language && ` · ${media.language}`}
      </p>
      <p>
        <span className={`badge ${media.is_public ? 'badge-ok' : 'status-pending'}`}>
          {media.is_public ? 'public' : 'private'}
        </span>{' '}
        {media.tags.map((tag) => (
          <span className="tag" key={tag}>
            {tag}
          </span>
        ))}
      </p>
    </li>
  );
}
