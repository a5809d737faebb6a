'use client';
import { TextInput, type TextInputProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import IconSearch from '@tabler/icons-react/icons/IconSearch';
import { useState } from 'react';

/** A searched, page-numbered list's state: the typed text, the text to query (debounced), the page; a new search starts at page 1. */
export function usePagedSearch() {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const [page, setPage] = useState(1);
  const onSearch = (value: string) => {
    setSearch(value);
    setPage(1);
  };
  return { search, debounced, page, setPage, onSearch };
}

/** The search box above a list. */
export function SearchField({
  label,
  placeholder,
  value,
  onSearch,
  w = { base: '100%', sm: 320 },
}: {
  label: string;
  placeholder: string;
  value: string;
  onSearch: (value: string) => void;
  w?: TextInputProps['w'];
}) {
  return (
    <TextInput
      aria-label={label}
      placeholder={placeholder}
      leftSection={<IconSearch size={16} />}
      value={value}
      onChange={(e) => onSearch(e.currentTarget.value)}
      w={w}
    />
  );
}
