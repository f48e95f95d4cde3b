import { useMutation, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { api, unwrap } from '../../../api/client.ts';
import { useFormErrors } from '../../../forms/use-form-errors.ts';
import { LinkForm } from './LinkForm.tsx';
import { bodyOf, LINK_FIELDS, type LinkValues, valuesOf } from './link-values.ts';

const route = getRouteApi('/admin/shell/destination-links/new');

export function NewLinkPage() {
  const { brand } = route.useSearch();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errors = useFormErrors(LINK_FIELDS);
  const create = useMutation({
    mutationFn: (values: LinkValues) =>
      unwrap(api.POST('/api/v1/destination-links', { body: bodyOf(values) })),
    onSuccess: async (link) => {
      await queryClient.invalidateQueries({ queryKey: ['destination-links'] });
      await navigate({ to: '/admin/destination-links', search: { brand: link.brand_id } });
    },
    onError: errors.fail,
  });

  return (
    <>
      <h1>New destination link</h1>
      <LinkForm
        initial={valuesOf(undefined, brand)}
        errors={errors}
        submitLabel="Create link"
        pending={create.isPending}
        onSubmit={create.mutate}
      />
    </>
  );
}
