'use client';

/** Mantine's Select on its own module, so that a page can load it (and its dropdown layer) on first use: lazy-field.tsx. */
export { Select } from '@mantine/core';
