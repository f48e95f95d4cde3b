import { useState } from 'react';
import { MultiPicker } from '../components/MultiPicker.tsx';
import type { Audience } from './api.ts';
import { type ChoiceContext, type IdFilter, useFilterChoices } from './filter-choices.ts';

interface FilterPickerProps {
  audience: Audience;
  filter: IdFilter;
  label: string;
  /** The chosen ids. */
  values: string[];
  onChange(values: string[]): void;
  context: ChoiceContext;
}

/** One id filter of a report chosen by name, from what the reader may see. */
export function FilterPicker({ audience, filter, label, values, onChange, context }: FilterPickerProps) {
  const [typed, setTyped] = useState('');
  const { options, names, searching } = useFilterChoices(audience, filter, typed, values, context);
  return (
    <MultiPicker
      label={label}
      values={values}
      onChange={onChange}
      options={options}
      names={names}
      onSearch={setTyped}
      searching={searching}
    />
  );
}
