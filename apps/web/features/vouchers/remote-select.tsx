'use client';

import { Select, type SelectProps } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';

export interface RemoteSelectProps<T> extends Omit<
  SelectProps,
  'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange' | 'filter'
> {
  /** Fetches the items matching the typed text (the API searches; nothing is filtered here). */
  load: (search: string) => Promise<T[]>;
  idOf: (item: T) => string;
  labelOf: (item: T) => string;
  value: T | null;
  onChange: (item: T | null) => void;
}

/**
 * A searchable picker over an API list (parties, products): typing searches the server, the
 * keyboard picks (arrows, Enter), Tab moves on. The chosen item stays an option so its label shows.
 */
export function RemoteSelect<T>({ load, idOf, labelOf, value, onChange, ...rest }: RemoteSelectProps<T>) {
  const [items, setItems] = useState<T[]>([]);
  const [search, setSearch] = useState(value ? labelOf(value) : '');
  const [loading, setLoading] = useState(false);
  const [wanted, setWanted] = useState<string | null>(null);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    if (wanted === null) return;
    let live = true;
    const timer = setTimeout(() => {
      setLoading(true);
      loadRef
        .current(wanted)
        .then((found) => {
          if (live) setItems(found);
        })
        .catch(() => {
          if (live) setItems([]);
        })
        .finally(() => {
          if (live) setLoading(false);
        });
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [wanted]);

  const byId = new Map(items.map((i) => [idOf(i), i]));
  if (value) byId.set(idOf(value), value);
  const data = [...byId.entries()].map(([id, item]) => ({ value: id, label: labelOf(item) }));
  const selectedLabel = value ? labelOf(value) : '';

  return (
    <Select
      {...rest}
      searchable
      data={data}
      value={value ? idOf(value) : null}
      searchValue={search}
      onSearchChange={(text) => {
        setSearch(text);
        // Typing (not the label of the chosen item being shown) searches the server.
        if (text !== selectedLabel) setWanted(text.trim());
      }}
      onDropdownOpen={() => {
        if (wanted === null) setWanted(search === selectedLabel ? '' : search.trim());
      }}
      filter={({ options }) => options}
      nothingFoundMessage={loading ? 'Searching…' : 'Nothing found'}
      onChange={(id) => {
        const item = id ? (byId.get(id) ?? null) : null;
        onChange(item);
        setSearch(item ? labelOf(item) : '');
      }}
    />
  );
}
