import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { api, unwrap } from '../../../api/client.ts';
import { useFormErrors } from '../../../forms/use-form-errors.ts';
import { type BrandBody, brandQuery } from '../api.ts';
import { BRAND_FIELDS, BrandForm } from './BrandForm.tsx';

const route = getRouteApi('/admin/shell/brands/$id');

export function EditBrandPage() {
  const id = Number(route.useParams().id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errors = useFormErrors(BRAND_FIELDS);
  const brand = useQuery(brandQuery(id));
  const save = useMutation({
    mutationFn: (body: BrandBody) =>
      unwrap(api.PATCH('/api/v1/brands/{id}', { params: { path: { id } }, body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['brands'] });
      await navigate({ to: '/admin/brands' });
    },
    onError: errors.fail,
  });

  if (brand.isPending) return <p className="muted">Loading…</p>;
  if (brand.isError) return <p className="form-summary">{brand.error.message}</p>;
  return (
    <>
      <h1>Edit {brand.data.name}</h1>
      <BrandForm
        brand={brand.data}
        errors={errors}
        submitLabel="Save changes"
        pending={save.isPending}
        onSubmit={save.mutate}
      />
    </>
  );
}
