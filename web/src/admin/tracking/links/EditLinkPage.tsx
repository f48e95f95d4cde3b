import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { api, unwrap } from '../../../api/client.ts';
import { ClickCounts } from '../../../clicks/ClickCounts.tsx';
import { countsOfQuery } from '../../../clicks/queries.ts';
import { formatDateTime } from '../../../format.ts';
import { useFormErrors } from '../../../forms/use-form-errors.ts';
import { linkQuery } from '../api.ts';
import { LinkForm } from './LinkForm.tsx';
import { bodyOf, LINK_FIELDS, type LinkValues, valuesOf } from './link-values.ts';

const route = getRouteApi('/admin/shell/destination-links/$id');

/** Every change takes effect on the next click of every promo built on the link. */
export function EditLinkPage() {
  const id = Number(route.useParams().id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errors = useFormErrors(LINK_FIELDS);
  const link = useQuery(linkQuery(id));
  const counts = useQuery(countsOfQuery('destination-links', [id])).data?.get(id);
  const save = useMutation({
    mutationFn: (values: LinkValues) =>
      unwrap(api.PATCH('/api/v1/destination-links/{id}', { params: { path: { id } }, body: bodyOf(values) })),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['destination-links'] });
      await navigate({ to: '/admin/destination-links', search: { brand: saved.brand_id } });
    },
    onError: errors.fail,
  });

  if (link.isPending) return <p className="muted">Loading…</p>;
  if (link.isError) return <p className="form-summary">{link.error.message}</p>;
  return (
    <>
      <h1>Edit {link.data.name}</h1>
      <p className="muted">
        Link #{link.data.id}, last changed {formatDateTime(link.data.updated_at)}. Changes apply to the next
        click of every promo using it.
      </p>
      <section className="panel" aria-labelledby="link-clicks">
        <h2 id="link-clicks">Clicks</h2>
        <ClickCounts counts={counts} label={`Clicks of ${link.data.name}`} />
      </section>
      <LinkForm
        initial={valuesOf(link.data)}
        errors={errors}
        submitLabel="Save changes"
        pending={save.isPending}
        onSubmit={save.mutate}
      />
    </>
  );
}
