'use client';

import { Select, type ComboboxItem, type OptionsFilter, type SelectProps } from '@mantine/core';
import { useState } from 'react';

/**
 * Ranks the options for what was typed: the option whose value or label is exactly it first
 * ("5" -> "5 %", not "0.25 %"), then those starting with it, then those containing it.
 */
export const rankedFilter: OptionsFilter = ({ options, search }) => {
  const q = search.trim().toLowerCase();
  if (!q) return options;
  const rank = (o: ComboboxItem): number => {
    const value = o.value.toLowerCase();
    const label = o.label.toLowerCase();
    const words = label.split(/[\s\-—–()]+/).filter(Boolean);
    if (value === q || label === q || words[0] === q) return 0;
    if (value.startsWith(q) || label.startsWith(q)) return 1;
    if (words.some((w) => w.startsWith(q))) return 2;
    if (label.includes(q)) return 3;
    return 4;
  };
  return (options as ComboboxItem[])
    .map((o, i) => ({ o, i, r: rank(o) }))
    .filter((x) => x.r < 4)
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.o);
};

export interface CodeSelectProps extends Omit<SelectProps, 'searchable' | 'filter' | 'onChange'> {
  onChange: (value: string | null) => void;
  /** "state", "GST rate": names what was not chosen in the error. */
  noun?: string;
}

/**
 * A picker of a code or rate (GST state, GST rate, a choice): typing filters and highlights the
 * best match, Enter or Tab picks it, arrows move. Text that matches nothing is never silently
 * dropped: it stays in the field with an error until a real option is chosen or it is cleared.
 */
export function CodeSelect({ onChange, noun = 'option', error, data, onBlur, ...rest }: CodeSelectProps) {
  const [unmatched, setUnmatched] = useState<string | null>(null);
  const options = (data ?? []) as ComboboxItem[];
  return (
    <Select
      {...rest}
      data={data}
      searchable
      filter={rankedFilter}
      selectFirstOptionOnChange
      autoSelectOnBlur
      error={error ?? (unmatched ? `No ${noun} matches “${unmatched}”: pick one from the list` : undefined)}
      onSearchChange={(text) => {
        if (unmatched !== null && text !== unmatched) setUnmatched(null);
        rest.onSearchChange?.(text);
      }}
      onBlur={(e) => {
        const typed = e.currentTarget.value.trim();
        const matches = typed ? rankedFilter({ options, search: typed, limit: Infinity }) : options;
        setUnmatched(typed && matches.length === 0 ? typed : null);
        onBlur?.(e);
      }}
      onChange={(v) => {
        setUnmatched(null);
        onChange(v);
      }}
    />
  );
}
