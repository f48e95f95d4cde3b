import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';

/**
 * Opens the portal in a new tab, signed in as the affiliate's owner, through a one-time sign-in
 * URL; the back office session stays as it is.
 */
export function SignInAsButton({ id, name }: { id: number; name: string }) {
  // Set when the browser would not open a tab: the link is then shown to click.
  const [blockedUrl, setBlockedUrl] = useState<string | null>(null);
  const login = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/affiliates/{id}/login-urls', {
          params: { path: { id } },
          body: { expires_in: '5m' },
        }),
      ),
  });

  function signIn() {
    setBlockedUrl(null);
    // Opened during the click: a tab opened once the answer arrives would count as a pop-up.
    const tab = window.open('', '_blank');
    login.mutate(undefined, {
      onSuccess: ({ url }) => {
        if (!tab) return setBlockedUrl(url);
        tab.opener = null;
        tab.location.href = url;
      },
      onError: () => tab?.close(),
    });
  }

  return (
    <span className="actions">
      <button
        type="button"
        className="button-secondary"
        onClick={signIn}
        disabled={login.isPending}
        title={`Open the affiliate portal as ${name}'s owner, in a new tab`}
      >
        Sign in as affiliate
      </button>
      {blockedUrl && (
        <a href={blockedUrl} target="_blank" rel="noreferrer">
          Open the portal
        </a>
      )}
      {login.isError && (
        <span className="field-error" role="alert">
          {login.error.message}
        </span>
      )}
    </span>
  );
}
