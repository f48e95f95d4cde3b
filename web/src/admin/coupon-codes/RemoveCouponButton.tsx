import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { type CouponCode, removeCouponCode } from './api.ts';

/**
 * Deletes a code no event used; a used one can only be disabled, so the events it attributed
 * keep it. The question says which will happen.
 */
export function RemoveCouponButton({
  coupon,
  onDone,
}: {
  coupon: CouponCode;
  onDone(message: string): void;
}) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const remove = useMutation({
    mutationFn: () => removeCouponCode(coupon.id),
    onSuccess: async (outcome) => {
      await queryClient.invalidateQueries({ queryKey: ['coupon-codes'] });
      onDone(
        outcome === 'deleted'
          ? `Coupon code ${coupon.code} deleted.`
          : `Coupon code ${coupon.code} disabled.`,
      );
    },
  });
  if (coupon.used && !coupon.enabled) return null;
  const verb = coupon.used ? 'Disable' : 'Delete';
  return (
    <>
      <button
        type="button"
        className="button-secondary"
        disabled={remove.isPending}
        onClick={() => setAsking(true)}
        aria-label={`${verb} ${coupon.code}`}
      >
        {verb}
      </button>
      {remove.isError && <span className="field-error">{remove.error.message}</span>}
      {asking && (
        <ConfirmDialog
          title={`${verb} coupon code ${coupon.code}?`}
          confirmLabel={`${verb} code`}
          danger
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            remove.mutate();
          }}
        >
          <p>
            {coupon.used
              ? 'Events already attributed by it keep it; from now on an event carrying this code is not attributed by it. You can enable it again.'
              : 'No event was attributed by it. Once deleted, an event carrying this code is not attributed by it, and the code can be given out again.'}
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
