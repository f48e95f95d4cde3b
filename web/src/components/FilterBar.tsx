import { type FormEvent, type ReactNode, useEffect, useState } from 'react';

interface FilterBarProps {
  /** Names the form for screen readers ("Filter affiliates"). */
  label: string;
  /** Called on Filter (or Enter in any input). */
  onApply(): void;
  /** Called on Clear: every filter back to none. */
  onClear(): void;
  children: ReactNode;
}

/**
 * The one filter pattern of every list: set any filters, then press Filter (or Enter); Clear
 * drops them all. Nothing is applied while a person is still choosing, so a list never jumps
 * under them, and the address keeps the applied filters (a reload or a shared link shows the same).
 */
export function FilterBar({ label, onApply, onClear, children }: FilterBarProps) {
  function submit(event: FormEvent) {
    event.preventDefault();
    onApply();
  }
  return (
    <form className="panel filters" onSubmit={submit} aria-label={label}>
      {children}
      <div className="actions">
        <button type="submit">Filter</button>
        <button type="button" className="button-secondary" onClick={onClear}>
          Clear
        </button>
      </div>
    </form>
  );
}

/**
 * The filters being chosen, as text, started from (and reset to) the applied ones: `draftOf`
 * turns the applied search into the inputs' values.
 */
export function useFilterDraft<S, D extends Record<string, string>>(search: S, draftOf: (s: S) => D) {
  const [draft, setDraft] = useState<D>(() => draftOf(search));
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new applied search resets it
  useEffect(() => setDraft(draftOf(search)), [search]);
  const set = (key: keyof D) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  return { draft, set };
}
