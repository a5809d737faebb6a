'use client';

import { Group, Select, Text, type SelectProps } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';

const CREATE = '\u0000create';

export interface RemoteSelectProps<T> extends Omit<
  SelectProps,
  'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange' | 'filter'
> {
  /** Fetches the items matching the typed text (the API searches; nothing is filtered here). */
  load: (search: string) => Promise<T[]>;
  idOf: (item: T) => string;
  labelOf: (item: T) => string;
  /** A note beside an option (stock on hand, the last rate to this party). */
  describe?: (item: T) => string | null;
  value: T | null;
  onChange: (item: T | null) => void;
  /** Offers "Create “…”" when nothing matches the typed text. */
  onCreate?: (text: string) => void;
  /** Called with the items each search answers (to fetch more about them). */
  onLoaded?: (items: T[]) => void;
  /** Text typed (or `''` for a click) before this field was there, into a stand-in (lazy-remote-select.tsx): searched at once. */
  initialSearch?: string;
}

/**
 * A searchable picker over an API list (parties, products): typing searches the server, Enter
 * picks the highlighted option or else the first match (even when it arrives after Enter was
 * pressed), arrows move, Tab moves on. Text left typed but not chosen is an error beside the
 * field, never a silently empty value. The chosen item stays an option so its label shows.
 */
export function RemoteSelect<T>({
  load,
  idOf,
  labelOf,
  describe,
  value,
  onChange,
  onCreate,
  onLoaded,
  initialSearch,
  error,
  ...rest
}: RemoteSelectProps<T>) {
  const [items, setItems] = useState<T[]>([]);
  const [search, setSearch] = useState(initialSearch ?? (value ? labelOf(value) : ''));
  const [loading, setLoading] = useState(false);
  const [wanted, setWanted] = useState<string | null>(initialSearch?.trim() ?? null);
  const [answered, setAnswered] = useState<string | null>(null);
  const [uncommitted, setUncommitted] = useState<string | null>(null);
  const pendingEnter = useRef(false);
  const loadRef = useRef(load);
  const loadedRef = useRef(onLoaded);
  useEffect(() => {
    loadRef.current = load;
    loadedRef.current = onLoaded;
  });

  // A value set from outside (a restored draft, "Copy as new", a party just created) shows its label.
  const valueId = value ? idOf(value) : null;
  const valueLabel = value ? labelOf(value) : '';
  const shownValue = useRef(initialSearch === undefined ? null : `${valueId}|${valueLabel}`);
  useEffect(() => {
    // (Text typed before the field was there stays until the value changes.)
    if (shownValue.current === `${valueId}|${valueLabel}`) return;
    shownValue.current = `${valueId}|${valueLabel}`;
    setSearch(valueLabel);
  }, [valueId, valueLabel]);

  const choose = (item: T | null) => {
    pendingEnter.current = false;
    setUncommitted(null);
    onChange(item);
    setSearch(item ? labelOf(item) : '');
  };

  useEffect(() => {
    if (wanted === null) return;
    let live = true;
    const timer = setTimeout(() => {
      setLoading(true);
      loadRef
        .current(wanted)
        .then((found) => {
          if (!live) return;
          setItems(found);
          setAnswered(wanted);
          loadedRef.current?.(found);
          if (pendingEnter.current && found[0]) choose(found[0]);
          pendingEnter.current = false;
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
    // `choose` reads the latest props through the closure of this render; only a new search refetches.
  }, [wanted]);

  const byId = new Map(items.map((i) => [idOf(i), i]));
  if (value) byId.set(idOf(value), value);
  const selectedLabel = value ? labelOf(value) : '';
  const typed = search.trim();
  const data = [...byId.entries()].map(([id, item]) => ({ value: id, label: labelOf(item) }));
  const offerCreate = onCreate && typed !== '' && typed !== selectedLabel && !loading && answered === typed && items.length === 0;
  if (offerCreate) data.push({ value: CREATE, label: `Create “${typed}”` });
  const settled = answered === typed && !loading;

  return (
    <Select
      {...rest}
      searchable
      data={data}
      value={value ? idOf(value) : null}
      searchValue={search}
      error={error ?? (uncommitted ? `“${uncommitted}” is not chosen: pick it from the list` : undefined)}
      onSearchChange={(text) => {
        setSearch(text);
        if (uncommitted !== null && text !== '') setUncommitted(null);
        // Typing (not the label of the chosen item being shown) searches the server.
        if (text !== selectedLabel) setWanted(text.trim());
      }}
      onDropdownOpen={() => {
        if (wanted === null) setWanted(search === selectedLabel ? '' : search.trim());
      }}
      onKeyDownCapture={(e) => {
        if (e.key !== 'Enter' || e.nativeEvent.isComposing || e.ctrlKey || e.metaKey) return;
        if (typed === '' || typed === selectedLabel) return;
        const list = document.getElementById(e.currentTarget.getAttribute('aria-controls') ?? '');
        if (list?.querySelector('[data-combobox-selected]')) return;
        // Nothing highlighted: Enter takes the first match, now or when the search answers.
        e.preventDefault();
        e.stopPropagation();
        if (settled && items[0]) choose(items[0]);
        else if (settled && offerCreate) onCreate(typed);
        else if (!settled) pendingEnter.current = true;
      }}
      onBlur={(e) => {
        const left = e.currentTarget.value.trim();
        setUncommitted(left !== '' && left !== selectedLabel ? left : null);
        rest.onBlur?.(e);
      }}
      filter={({ options }) => options}
      // The list itself scrolls (not a scroll area around it), so that it is the combobox's own
      // popup, which the keyboard moves through from the field (axe: scrollable-region-focusable).
      withScrollArea={false}
      styles={{ options: { maxHeight: 220, overflowY: 'auto' } }}
      nothingFoundMessage={loading || !settled ? 'Searching…' : 'Nothing found'}
      renderOption={
        describe
          ? ({ option }) => {
              const item = byId.get(option.value);
              const note = item ? describe(item) : null;
              return (
                <Group justify="space-between" gap="xs" wrap="nowrap" w="100%">
                  <Text size="sm">{option.label}</Text>
                  {note && (
                    <Text size="xs" c="dimmed">
                      {note}
                    </Text>
                  )}
                </Group>
              );
            }
          : undefined
      }
      onChange={(id) => {
        if (id === CREATE) {
          onCreate?.(typed);
          return;
        }
        choose(id ? (byId.get(id) ?? null) : null);
      }}
    />
  );
}
