'use client';
import { useState } from 'react';

/**
 * The last non-null value: what a dialog keeps showing while it animates closed after its
 * content was cleared, instead of shrinking to an empty box.
 */
export function useLingering<T>(value: T | null): T | null {
  const [last, setLast] = useState(value);
  if (value !== null && value !== last) setLast(value);
  return value ?? last;
}
