import { type KeyboardEvent, useEffect, useId, useMemo, useState } from 'react';
import { listKeyDown, matching, type PickerOption } from './Picker.tsx';
import { FieldNotes, notesOf } from './TextField.tsx';

interface MultiPickerProps {
  label: string;
  /** The chosen values, in the order chosen. */
  values: readonly string[];
  onChange(values: string[]): void;
  /** What can be chosen now; a long list on the server is searched with `onSearch`. */
  options: readonly PickerOption[];
  /** The chosen values' names, for chips whose option is not among `options` (another search's). */
  names?: Readonly<Record<string, string>>;
  /** What was typed, after a pause, for a list searched on the server. */
  onSearch?(typed: string): void;
  /** Shown under the list while a search runs. */
  searching?: boolean;
  hint?: string;
  placeholder?: string;
}

/**
 * Several choices from a list, as chips: type a few letters of a name, pick with the mouse or the
 * arrow keys and Enter, remove a chip with its × (or Backspace in the empty input). The same
 * matching as Picker's, so both find the same options by the same words.
 */
export function MultiPicker({
  label,
  values,
  onChange,
  options,
  names,
  onSearch,
  searching,
  hint,
  placeholder,
}: MultiPickerProps) {
  const id = useId();
  const listId = `${id}-options`;
  const [typed, setTyped] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const shown = useMemo(
    () => matching(options, typed).filter((o) => !values.includes(o.value)),
    [options, typed, values],
  );
  // Wait for a pause in typing so every keystroke does not become a search.
  useEffect(() => {
    if (!onSearch) return;
    const timer = setTimeout(() => onSearch(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed, onSearch]);
  const optionId = (i: number) => `${id}-option-${i}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the highlight moving is the trigger
  useEffect(() => {
    if (open) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [open, active]);

  const nameOf = (value: string) =>
    options.find((o) => o.value === value)?.label ?? names?.[value] ?? `#${value}`;

  function add(value: string) {
    onChange([...values, value]);
    setTyped('');
    setActive(0);
  }

  function keyDown(event: KeyboardEvent<HTMLInputElement>) {
    const handled = listKeyDown(event, {
      open,
      setOpen,
      shown,
      active,
      setActive,
      pick: add,
      close: () => setOpen(false),
    });
    // Backspace in an empty field takes the last chip off.
    if (!handled && event.key === 'Backspace' && typed === '' && values.length > 0)
      onChange(values.slice(0, -1));
  }

  const describedBy = notesOf(id, hint);
  return (
    <div className="field picker multi-picker">
      <label htmlFor={id}>{label}</label>
      {values.length > 0 && (
        <ul className="chips" aria-label={`Chosen: ${label}`}>
          {values.map((value) => (
            <li key={value} className="chip">
              <span>{nameOf(value)}</span>
              <button
                type="button"
                className="link-button"
                aria-label={`Remove ${nameOf(value)}`}
                onClick={() => onChange(values.filter((v) => v !== value))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        className="picker-input"
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && shown[active] ? optionId(active) : undefined}
        aria-describedby={describedBy}
        placeholder={placeholder ?? (values.length ? 'Add another' : 'Any: type to search')}
        value={typed}
        onFocus={() => setOpen(true)}
        onClick={() => setOpen(true)}
        onChange={(event) => {
          setTyped(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onBlur={() => setOpen(false)}
        onKeyDown={keyDown}
      />
      {open && (
        <div className="picker-list" id={listId} role="listbox" aria-multiselectable="true">
          {shown.length === 0 && (
            <p className="muted picker-none">
              {searching
                ? 'Searching…'
                : typed.trim()
                  ? `Nothing matches “${typed}”`
                  : 'Nothing more to choose'}
            </p>
          )}
          {shown.map((o, i) => (
            // The keyboard works from the input (arrows and Enter), as a combobox's list does.
            // biome-ignore lint/a11y/useKeyWithClickEvents: see above
            <div
              key={o.value}
              id={optionId(i)}
              role="option"
              tabIndex={-1}
              aria-selected={false}
              className={i === active ? 'active' : undefined}
              // Keeps the focus in the input, so its blur does not close the list before the click.
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => add(o.value)}
            >
              {o.label}
            </div>
          ))}
        </div>
      )}
      <FieldNotes id={id} hint={hint} />
    </div>
  );
}
