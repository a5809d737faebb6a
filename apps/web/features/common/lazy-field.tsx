'use client';
import { ComboboxChevron, TextInput, type SelectProps } from '@mantine/core';
import { useCallback, useState } from 'react';
import { formatDate, parseOrgDate } from '@/lib/dates';
import type { DateFieldProps } from './date-field';

/**
 * A module loaded once, on demand, shared by every caller. A failed load (the network) is
 * forgotten, so the next intent tries again.
 */
export interface LazyModule<M> {
  current: () => M | null;
  load: () => Promise<M>;
}

export function lazyModule<M>(importer: () => Promise<M>): LazyModule<M> {
  let loaded: M | null = null;
  let pending: Promise<M> | null = null;
  return {
    current: () => loaded,
    load: () =>
      (pending ??= importer().then(
        (m) => (loaded = m),
        (error: unknown) => {
          pending = null;
          throw error;
        },
      )),
  };
}

/** The module once it is here, and `want()` to ask for it (on the user's first hover or focus). */
export function useLazyModule<M>(lazy: LazyModule<M>): { mod: M | null; want: () => void } {
  const [mod, setMod] = useState<M | null>(lazy.current);
  const want = useCallback(() => {
    if (lazy.current()) setMod(lazy.current);
    else
      lazy.load().then(
        (m) => setMod(() => m),
        () => undefined,
      );
  }, [lazy]);
  return { mod: mod ?? lazy.current(), want };
}

/**
 * How the user reached a stand-in before the real field arrived: the real one then takes the
 * keyboard (`focus`) and, after a click, opens as the click would have opened it.
 */
export type Reached = 'focus' | 'click' | null;

export function useReached(want: () => void) {
  const [reached, setReached] = useState<Reached>(null);
  const handlers = {
    onPointerEnter: want,
    onPointerDown: () => {
      want();
      setReached('click');
    },
    onFocus: () => {
      want();
      setReached((r) => r ?? 'focus');
    },
    onBlur: () => setReached(null),
  };
  return { reached, handlers };
}

const dateFieldModule = lazyModule(() => import('./date-field'));

/**
 * A date filter whose calendar (Mantine's dates package, its popover and floating layer) is
 * loaded the first time the pointer or the keyboard reaches the field: until then a plain input of
 * the same look stands in, and a date typed into it counts as soon as it is whole, as the real
 * field counts it. The stand-in gives way once the real field is here and nothing half-typed would
 * be lost (else when it is left).
 */
export function LazyDateField(props: DateFieldProps) {
  const { mod, want } = useLazyModule(dateFieldModule);
  const { reached, handlers } = useReached(want);
  const [typed, setTyped] = useState<string | null>(null);
  if (mod && typed === null) return <mod.DateField {...props} autoFocus={props.autoFocus || reached !== null} />;
  const { label, value, onChange, format, error, required, clearable, autoFocus, w } = props;
  return (
    <TextInput
      label={label}
      placeholder={format}
      value={typed ?? (value ? formatDate(value, format) : '')}
      error={error}
      required={required}
      autoFocus={autoFocus}
      w={w}
      autoComplete="off"
      {...handlers}
      onBlur={() => {
        handlers.onBlur();
        setTyped(null);
      }}
      onChange={(e) => {
        const text = e.currentTarget.value;
        setTyped(text);
        if (text === '' && clearable) onChange('');
        const date = parseOrgDate(text, format);
        if (date) onChange(date);
      }}
    />
  );
}

const selectModule = lazyModule(() => import('./select-module'));

/**
 * Mantine's `Select` for a short fixed list (a filter's status), with its dropdown layer
 * (Combobox, Popover, ScrollArea, the floating layer) loaded the first time the field is reached;
 * until then a read-only input of the same look, role and label stands in.
 */
export function LazySelect(props: Omit<SelectProps, 'data'> & { data: { value: string; label: string }[] }) {
  const { mod, want } = useLazyModule(selectModule);
  const { reached, handlers } = useReached(want);
  if (mod) return <mod.Select {...props} autoFocus={props.autoFocus || reached !== null} defaultDropdownOpened={reached === 'click'} />;
  const chosen = props.data.find((o) => o.value === props.value);
  return (
    <TextInput
      label={props.label}
      placeholder={props.placeholder}
      value={chosen?.label ?? ''}
      error={props.error}
      required={props.required}
      readOnly
      pointer
      role="combobox"
      aria-haspopup="listbox"
      aria-expanded={false}
      autoComplete="off"
      rightSection={<ComboboxChevron error={props.error} />}
      rightSectionPointerEvents="none"
      {...handlers}
    />
  );
}
