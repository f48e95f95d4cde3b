import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api, unwrap } from '../../../api/client.ts';
import { useFormErrors } from '../../../forms/use-form-errors.ts';
import type { BrandBody } from '../api.ts';
import { BRAND_FIELDS, BrandForm } from './BrandForm.tsx';

export function NewBrandPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errors = useFormErrors(BRAND_FIELDS);
  const create = useMutation({
    mutationFn: (body: BrandBody) => unwrap(api.POST('/api/v1/brands', { body })),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['brands'] });
      await navigate({ to: '/admin/brands' });
    },
    onError: errors.fail,
  });

  return (
    <>
      <h1>New brand</h1>
      <BrandForm
        errors={errors}
        submitLabel="Create brand"
        pending={create.isPending}
        onSubmit={create.mutate}
      />
    </>
  );
}
