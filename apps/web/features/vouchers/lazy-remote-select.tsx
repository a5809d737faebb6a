'use client';
import { ComboboxChevron, TextInput } from '@mantine/core';
import { useState } from 'react';
import { lazyModule, useLazyModule, useReached } from '@/features/common/lazy-field';
import type { RemoteSelectProps } from './remote-select';

const remoteSelectModule = lazyModule(() => import('./remote-select'));

/**
 * `RemoteSelect` for a register's filter, with its dropdown layer (Combobox, Popover, ScrollArea,
 * the floating layer) loaded the first time the pointer or the keyboard reaches the field. Until
 * then an input of the same look stands in; what is typed into it is searched as soon as the real
 * field is here, which then takes the keyboard (and opens, after a click).
 */
export function LazyRemoteSelect<T>(props: RemoteSelectProps<T>) {
  const { mod, want } = useLazyModule(remoteSelectModule);
  const { reached, handlers } = useReached(want);
  const [typed, setTyped] = useState<string | undefined>(undefined);
  if (mod) {
    const RemoteSelect = mod.RemoteSelect<T>;
    const opening = reached === 'click' || typed !== undefined;
    return (
      <RemoteSelect
        {...props}
        autoFocus={props.autoFocus || reached !== null}
        initialSearch={opening ? (typed ?? '') : undefined}
        defaultDropdownOpened={opening}
      />
    );
  }
  return (
    <TextInput
      label={props.label}
      placeholder={props.placeholder}
      value={typed ?? (props.value ? props.labelOf(props.value) : '')}
      error={props.error}
      required={props.required}
      role="combobox"
      aria-haspopup="listbox"
      aria-expanded={false}
      autoComplete="off"
      rightSection={<ComboboxChevron error={props.error} />}
      rightSectionPointerEvents="none"
      {...handlers}
      onChange={(e) => setTyped(e.currentTarget.value)}
    />
  );
}
