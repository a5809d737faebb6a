'use client';
import { Box, Table } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './scroll-table.module.css';

/**
 * Rows in a table that scrolls sideways on a narrow (tablet-width) screen: a plain scrolling box,
 * not Mantine's ScrollArea, which no list needs and which costs every page that shows one.
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
    <Box className={classes.scroll}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label={label} miw={minWidth}>
        <Table.Thead>
          <Table.Tr>{head}</Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Box>
  );
}
