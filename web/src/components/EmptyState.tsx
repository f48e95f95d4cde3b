import type { ReactNode } from 'react';

/**
 * What a list shows while it has nothing: what is missing, what to do about it, and the button
 * that does it, so a first visit never ends at a bare "nothing here".
 */
export function EmptyState({
  title,
  children,
  action,
}: {
  title: string;
  /** What to do next, in a sentence or two. */
  children?: ReactNode;
  /** The button or link that does it. */
  action?: ReactNode;
}) {
  return (
    <div className="empty-state" data-testid="empty-state">
      <p className="empty-state-title">{title}</p>
      {children && <p className="muted">{children}</p>}
      {action && <div className="actions">{action}</div>}
    </div>
  );
}

/**
 * Moves the keyboard and the view to the first field of the form with this id: the action of an
 * empty list whose form is on the same page.
 */
export function focusForm(formId: string): void {
  const field = document.getElementById(formId)?.querySelector<HTMLElement>('input, select, textarea');
  field?.scrollIntoView({ block: 'center' });
  field?.focus();
}
