'use client';
import { Box } from '@mantine/core';
import { Table } from '@/features/common/table';
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import classes from './scroll-table.module.css';

/**
 * Rows in a table that scrolls sideways on a narrow (tablet-width) screen: a plain scrolling box,
 * not Mantine's ScrollArea, which no list needs and which costs every page that shows one. On a
 * phone (under 576 px) each row becomes a card (scroll-table.module.css).
 */
export function ScrollTable({
  minWidth,
  label,
  head,
  children,
}: {
  minWidth: number;
  label?: string;
  head: ReactNode;
  children: ReactNode;
}) {
  return (
    <ScrollBox>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label={label} miw={minWidth}>
        <Table.Thead>
          <Table.Tr>{head}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </ScrollBox>
  );
}

/**
 * The box of a wide table: it scrolls sideways inside the page on a tablet; on a phone its rows
 * are cards, each cell under its column's name (`inputs`: cells holding form fields, which take
 * the card's width).
 */
export function ScrollBox({ children, inputs = false }: { children: ReactNode; inputs?: boolean }) {
  const box = useRef<HTMLDivElement>(null);
  // Each cell carries its column's name, shown beside it when a phone lays the rows out as cards.
  useLayoutEffect(() => {
    const table = box.current?.querySelector('table');
    if (!table) return;
    const names = [...table.querySelectorAll('thead th')].map((th) => th.textContent?.trim() || '');
    for (const row of table.querySelectorAll('tbody tr')) {
      [...row.children].forEach((td, i) => td.setAttribute('data-label', names[i] ?? ''));
    }
  });
  return (
    // Focusable, so that a keyboard can scroll it when it is wider than the screen (axe: scrollable-region-focusable).
    <Box className={inputs ? `${classes.scroll} ${classes.inputs}` : classes.scroll} ref={box} tabIndex={0}>
      {children}
    </Box>
  );
}
