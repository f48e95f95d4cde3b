import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { AffiliateForm, bodyOf, PROFILE_FIELDS, type ProfileValues, valuesOf } from './AffiliateForm.tsx';
import type { CreateBody } from './api.ts';

const FIELDS = {
  ...PROFILE_FIELDS,
  'users[0].email': 'User email',
  'users[0].initial_password': 'Initial password',
};

export function NewAffiliatePage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [userEmail, setUserEmail] = useState('');
  const [password, setPassword] = useState('');

  const create = useMutation({
    mutationFn: (values: ProfileValues) => {
      const body: CreateBody = { ...bodyOf(values) };
      // A password without an email is sent too, so the answer says the email is missing.
      if (userEmail.trim() || password)
        body.users = [{ email: userEmail.trim(), initial_password: password || undefined }];
      return unwrap(api.POST('/api/v1/affiliates', { body }));
    },
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: ['affiliates'] });
      await navigate({ to: '/admin/affiliates/$id', params: { id: String(created.id) } });
    },
    onError: errors.fail,
  });

  return (
    <>
      <h1>New affiliate</h1>
      <AffiliateForm
        title="Profile"
        initial={valuesOf()}
        errors={errors}
        submitLabel="Create affiliate"
        pending={create.isPending}
        onSubmit={create.mutate}
      >
        <fieldset>
          <legend>First user (optional)</legend>
          <TextField
            label="User email"
            type="email"
            value={userEmail}
            onChange={(value) => {
              errors.clear('users[0].email');
              setUserEmail(value);
            }}
            id={errors.idOf('users[0].email')}
            error={errors.field('users[0].email')}
          />
          <TextField
            label="Initial password"
            type="password"
            value={password}
            onChange={(value) => {
              errors.clear('users[0].initial_password');
              setPassword(value);
            }}
            id={errors.idOf('users[0].initial_password')}
            hint="Leave empty to email the user a link to set one"
            error={errors.field('users[0].initial_password')}
          />
        </fieldset>
      </AffiliateForm>
    </>
  );
}
