import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { api, unwrap } from '../../api/client.ts';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { AffiliateForm, bodyOf, PROFILE_FIELDS, type ProfileValues, valuesOf } from './AffiliateForm.tsx';
import { affiliateQuery } from './api.ts';

const route = getRouteApi('/admin/shell/affiliates/$id/edit');

/** Saves with PATCH: only these fields are sent, so billing, users and the rest stay as they are. */
export function EditAffiliatePage() {
  const id = Number(route.useParams().id);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errors = useFormErrors(PROFILE_FIELDS);
  const affiliate = useQuery(affiliateQuery(id));

  const save = useMutation({
    mutationFn: (values: ProfileValues) =>
      unwrap(api.PATCH('/api/v1/affiliates/{id}', { params: { path: { id } }, body: bodyOf(values) })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['affiliates'] });
      await navigate({ to: '/admin/affiliates/$id', params: { id: String(id) } });
    },
    onError: errors.fail,
  });

  if (affiliate.isPending) return <p className="muted">Loading…</p>;
  if (affiliate.isError) return <p className="form-summary">{affiliate.error.message}</p>;
  return (
    <>
      <h1>Edit {affiliate.data.name}</h1>
      <AffiliateForm
        title="Profile"
        initial={valuesOf(affiliate.data)}
        errors={errors}
        submitLabel="Save changes"
        pending={save.isPending}
        onSubmit={save.mutate}
      />
    </>
  );
}
