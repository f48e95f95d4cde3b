import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { mediaQuery } from '../api.ts';
import { DeleteMediaButton } from './DeleteMediaButton.tsx';
import { EditMediaForm } from './EditMediaForm.tsx';
import { MediaFacts } from './MediaFacts.tsx';

const route = getRouteApi('/admin/shell/media/$id');

export function EditMediaPage() {
  const id = Number(route.useParams().id);
  const media = useQuery(mediaQuery(id));
  if (media.isPending) return <p className="muted">Loading…</p>;
  if (media.isError) return <p className="form-summary">{media.error.message}</p>;
  return (
    <>
      <p>
        <Link to="/admin/media">← Media library</Link>
      </p>
      <h1>{media.data.title}</h1>
      <section className="panel media-detail">
        <img src={media.data.url} alt={media.data.title} />
        <MediaFacts media={media.data} />
      </section>
      <EditMediaForm media={media.data} />
      <section className="panel">
        <DeleteMediaButton media={media.data} />
      </section>
    </>
  );
}
