import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { type TrafficSource, updateSource } from './api.ts';

/** Disables a traffic source (after asking) or enables it again. */
export function SourceStatusButton({
  source,
  onDone,
}: {
  source: TrafficSource;
  onDone(message: string): void;
}) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const active = source.status === 'active';
  const toggle = useMutation({
    mutationFn: () => updateSource(source.id, { status: active ? 'archived' : 'active' }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['traffic-sources'] });
      onDone(active ? `${source.name} disabled.` : `${source.name} enabled.`);
    },
  });
  return (
    <>
      <button
        type="button"
        className="button-secondary"
        disabled={toggle.isPending}
        onClick={() => (active ? setAsking(true) : toggle.mutate())}
        aria-label={`${active ? 'Disable' : 'Enable'} ${source.name}`}
      >
        {active ? 'Disable' : 'Enable'}
      </button>
      {toggle.isError && <span className="field-error">{toggle.error.message}</span>}
      {asking && (
        <ConfirmDialog
          title={`Disable traffic source ${source.name}?`}
          confirmLabel="Disable"
          danger
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            toggle.mutate();
          }}
        >
          <p>
            Affiliates can no longer choose it at sign-up or on a new promo. The{' '}
            {source.affiliate_count === 1 ? 'affiliate' : `${source.affiliate_count} affiliates`} and the
            promos that have it keep it. You can enable it again.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
