import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { type Campaign, setArchived } from './api.ts';

/** Archives a campaign (after asking: it freezes it) or unarchives it. */
export function ArchiveButton({ campaign, onDone }: { campaign: Campaign; onDone(message: string): void }) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const archived = campaign.status === 'archived';
  const verb = archived ? 'Unarchive' : 'Archive';
  const toggle = useMutation({
    mutationFn: () => setArchived(campaign.id, !archived),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['campaigns'] });
      onDone(archived ? `Campaign ${campaign.name} is active again.` : `Campaign ${campaign.name} archived.`);
    },
  });
  return (
    <>
      <button
        type="button"
        className="button-secondary"
        disabled={toggle.isPending}
        onClick={() => setAsking(true)}
      >
        {verb}
      </button>
      {toggle.isError && <span className="field-error">{toggle.error.message}</span>}
      {asking && (
        <ConfirmDialog
          title={`${verb} campaign ${campaign.name}?`}
          confirmLabel={`${verb} campaign`}
          danger={!archived}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            toggle.mutate();
          }}
        >
          <p>
            {archived
              ? 'It takes new promos and changes again, and shows among the active campaigns.'
              : 'Its tracking links keep working and its clicks keep counting, but it takes no new promos and no changes (name, plan, promos) until it is unarchived.'}
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
