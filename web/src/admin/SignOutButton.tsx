import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api, unwrap } from '../api/client.ts';

export function SignOutButton() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signOut = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/logout')),
    // Even if the call failed the user wants out; drop everything cached for the old session.
    onSettled: async () => {
      queryClient.clear();
      await navigate({ to: '/admin/login' });
    },
  });
  return (
    <button
      type="button"
      className="button-secondary"
      onClick={() => signOut.mutate()}
      disabled={signOut.isPending}
    >
      Sign out
    </button>
  );
}
