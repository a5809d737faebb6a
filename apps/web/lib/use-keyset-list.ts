'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from './api-client';

export interface KeysetPage<T> {
  items: T[];
  next_cursor: string | null;
}

export interface KeysetList<T, P extends KeysetPage<T> = KeysetPage<T>> {
  items: T[];
  /** The first page of the current filters as answered (e.g. its count and totals), null while loading. */
  first: P | null;
  loading: boolean;
  error: string | null;
  hasMore: boolean;
  loadMore: () => void;
  reload: () => void;
  /** Replaces one loaded row (after an edit) without reloading the list. */
  replace: (match: (item: T) => boolean, next: T) => void;
}

/**
 * A keyset-paginated list (the API's `next_cursor`): the first page whenever `key` (the filters)
 * changes, more pages appended on demand. Answers of an older filter are dropped.
 */
export function useKeysetList<P extends KeysetPage<unknown>, T = P['items'][number]>(
  key: string,
  fetchPage: (cursor: string | null) => Promise<P>,
): KeysetList<T, P & KeysetPage<T>> {
  const [items, setItems] = useState<T[]>([]);
  const [first, setFirst] = useState<(P & KeysetPage<T>) | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const current = useRef(0);
  const fetchRef = useRef(fetchPage);
  useEffect(() => {
    fetchRef.current = fetchPage;
  });

  const load = useCallback((from: string | null, append: boolean) => {
    const ticket = ++current.current;
    setLoading(true);
    if (!append) setFirst(null);
    setError(null);
    fetchRef
      .current(from)
      .then((page) => {
        if (ticket !== current.current) return;
        setItems((prev) => (append ? [...prev, ...(page.items as T[])] : (page.items as T[])));
        if (!append) setFirst(page as P & KeysetPage<T>);
        setCursor(page.next_cursor);
      })
      .catch((err: unknown) => {
        if (ticket !== current.current) return;
        setError(errorMessage(err));
      })
      .finally(() => {
        if (ticket === current.current) setLoading(false);
      });
  }, []);

  useEffect(() => {
    load(null, false);
  }, [key, generation, load]);

  return {
    items,
    first,
    loading,
    error,
    hasMore: cursor !== null,
    loadMore: () => {
      if (cursor && !loading) load(cursor, true);
    },
    reload: () => setGeneration((g) => g + 1),
    replace: (match, next) => setItems((prev) => prev.map((item) => (match(item) ? next : item))),
  };
}
