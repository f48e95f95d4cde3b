import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { type Promo, setPromoEnabled } from './api.ts';

/** Disables a promo (after asking: its link goes to the fallback URL) or enables it again. */
export function PromoEnabledToggle({ promo }: { promo: Promo }) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const toggle = useMutation({
    mutationFn: () => setPromoEnabled(promo.id, !promo.enabled),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['promos'] }),
  });
  return (
    <>
      <button
        type="button"
        className="button-secondary"
        disabled={toggle.isPending}
        onClick={() => (promo.enabled ? setAsking(true) : toggle.mutate())}
        aria-label={`${promo.enabled ? 'Disable' : 'Enable'} ${promo.title}`}
      >
        {promo.enabled ? 'Disable' : 'Enable'}
      </button>
      {toggle.isError && <span className="field-error">{toggle.error.message}</span>}
      {asking && (
        <ConfirmDialog
          title={`Disable promo ${promo.title}?`}
          confirmLabel="Disable promo"
          danger
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            toggle.mutate();
          }}
        >
          <p>
            Visitors of its tracking link go to the fallback URL instead of the landing until it is enabled
            again; the affiliate keeps the link.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
