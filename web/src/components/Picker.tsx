import { type KeyboardEvent, useEffect, useId, useMemo, useState } from 'react';
import { FieldNotes, notesOf } from './TextField.tsx';

export interface PickerOption {
  value: string;
  label: string;
  /** More words it is found by: a code, an English or native name. */
  keywords?: string;
}

interface PickerProps {
  label: string;
  /** The chosen value; '' for none. */
  value: string;
  onChange(value: string): void;
  options: readonly PickerOption[];
  /** Offered first with the value '' ("None", "Any country"); without it something must be chosen. */
  empty?: string;
  hint?: string;
  error?: string;
  /** A form's error summary links to the input, so the form may choose its id. */
  id?: string;
  disabled?: boolean;
  required?: boolean;
  placeholder?: string;
}

// "Türkiye" is found by "turk": case and accents do not matter.
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** The options matching what was typed: its exact code or name first, then those starting with it, then the rest. */
export function matching(options: readonly PickerOption[], typed: string): PickerOption[] {
  const q = fold(typed.trim());
  if (!q) return [...options];
  const exact: PickerOption[] = [];
  const starts: PickerOption[] = [];
  const contains: PickerOption[] = [];
  for (const o of options) {
    const words = fold(`${o.label} ${o.value} ${o.keywords ?? ''}`);
    if (fold(o.value) === q || fold(o.label) === q) exact.push(o);
    else if (fold(o.label).startsWith(q) || fold(o.value).startsWith(q)) starts.push(o);
    else if (words.includes(q)) contains.push(o);
  }
  return [...exact, ...starts, ...contains];
}

/**
 * A searchable choice from a long list (currencies, countries, languages): type a few letters of
 * the name or code, pick with the mouse or the arrow keys and Enter. What was typed but not picked
 * is dropped when the input is left, unless it names exactly one option.
 */
/**
 * The keys a list of options answers while its field has focus: arrows move the highlight (and
 * open the list), Enter picks the highlighted option without submitting the form, Escape closes.
 * Returns whether it handled the key.
 */
export function listKeyDown(
  event: KeyboardEvent<HTMLInputElement>,
  list: {
    open: boolean;
    setOpen(open: boolean): void;
    shown: readonly PickerOption[];
    active: number;
    setActive(update: (i: number) => number): void;
    pick(value: string): void;
    close(): void;
  },
): boolean {
  const { shown } = list;
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    if (!list.open) list.setOpen(true);
    const step = event.key === 'ArrowDown' ? 1 : -1;
    list.setActive((i) => (shown.length === 0 ? 0 : (i + step + shown.length) % shown.length));
  } else if (event.key === 'Enter' && list.open) {
    event.preventDefault();
    const option = shown[list.active];
    if (option) list.pick(option.value);
  } else if (event.key === 'Escape' && list.open) {
    event.preventDefault();
    list.close();
  } else return false;
  return true;
}

export function Picker({
  label,
  value,
  onChange,
  options,
  empty,
  hint,
  error,
  id: givenId,
  disabled,
  required,
  placeholder,
}: PickerProps) {
  const generated = useId();
  const id = givenId ?? generated;
  const listId = `${id}-options`;
  // null while the person is not typing: the input then shows the chosen option's label.
  const [typed, setTyped] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const chosen = options.find((o) => o.value === value);
  const shown = useMemo(() => {
    const found = matching(options, typed ?? '');
    return empty !== undefined && !typed?.trim() ? [{ value: '', label: empty }, ...found] : found;
  }, [options, typed, empty]);

  const optionId = (i: number) => `${id}-option-${i}`;
  // The highlighted option stays in view while the arrow keys move through a long list.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the highlight moving is the trigger
  useEffect(() => {
    if (open) document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }, [open, active]);

  function choose(next: string) {
    setTyped(null);
    setOpen(false);
    if (next !== value) onChange(next);
  }

  function leave() {
    if (typed !== null) {
      const q = fold(typed.trim());
      const exact = options.find((o) => fold(o.value) === q || fold(o.label) === q);
      const found = matching(options, typed);
      if (!q && empty !== undefined) choose('');
      else if (exact) choose(exact.value);
      else if (found.length === 1) choose(found[0]!.value);
    }
    setTyped(null);
    setOpen(false);
  }

  function keyDown(event: KeyboardEvent<HTMLInputElement>) {
    listKeyDown(event, {
      open,
      setOpen,
      shown,
      active,
      setActive,
      pick: choose,
      close: () => {
        setTyped(null);
        setOpen(false);
      },
    });
  }

  const describedBy = notesOf(id, hint, error);
  return (
    <div className="field picker">
      <label htmlFor={id}>{label}</label>
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
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        disabled={disabled}
        required={required}
        placeholder={placeholder ?? (empty !== undefined ? empty : 'Type to search')}
        value={typed ?? (chosen ? chosen.label : value)}
        onFocus={(event) => {
          event.target.select();
          setActive(
            Math.max(
              0,
              shown.findIndex((o) => o.value === value),
            ),
          );
          setOpen(true);
        }}
        onClick={() => setOpen(true)}
        onChange={(event) => {
          setTyped(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onBlur={leave}
        onKeyDown={keyDown}
      />
      {open && (
        <div className="picker-list" id={listId} role="listbox">
          {shown.length === 0 && <p className="muted picker-none">Nothing matches “{typed}”</p>}
          {shown.map((o, i) => (
            // The keyboard works from the input (arrows and Enter), as a combobox's list does.
            // biome-ignore lint/a11y/useKeyWithClickEvents: see above
            <div
              key={o.value || '(none)'}
              id={optionId(i)}
              role="option"
              tabIndex={-1}
              aria-selected={o.value === value}
              className={i === active ? 'active' : undefined}
              // Keeps the focus in the input, so its blur does not close the list before the click.
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(o.value)}
            >
              {o.label}
            </div>
          ))}
        </div>
      )}
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}
