'use client';

/** Mantine's Tooltip on its own module, so that a page can load it (and the floating layer) on first hover: lazy-tooltip.tsx. */
export { Tooltip } from '@mantine/core';
