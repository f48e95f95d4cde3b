import { type ReactNode, useEffect, useId, useRef } from 'react';

interface ConfirmDialogProps {
  /** The question, naming the action and who or what it is done to. */
  title: string;
  /** What happens if confirmed: the consequence, in words. */
  children: ReactNode;
  confirmLabel: string;
  /** A destructive action gets the red button. */
  danger?: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * A modal question before an action that is hard to take back. Rendered only while asking; the
 * browser's dialog keeps focus inside and Escape cancels. Cancel comes first, so it takes the focus and Enter
 * alone never confirms.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId}>{title}</h2>
      <div className="confirm-body">{children}</div>
      <div className="actions">
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className={danger ? 'button-danger' : undefined} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
