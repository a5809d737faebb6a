'use client';
import { Box, TableTd, getSpacing, rem, type BoxProps, type MantineSpacing } from '@mantine/core';
import { createContext, useContext, type ComponentPropsWithoutRef, type CSSProperties, type ReactNode } from 'react';

/**
 * The app's table: the same markup, class names and data attributes as Mantine's `Table` (so
 * Mantine's global styles draw it exactly as before), without Mantine's `Table` module, which
 * attaches `Table.ScrollContainer` and with it `ScrollArea` and `@floating-ui/react` (about
 * 19 kB gzip) to every page that shows a table. Supports the props the app uses: `striped`,
 * `highlightOnHover`, `withTableBorder`, `withRowBorders`, `withColumnBorders`, `verticalSpacing`,
 * `horizontalSpacing`, `layout`, `stickyHeader`, `tabularNums`, `variant` and Mantine's style props.
 */

// Mantine's own class names for its table, taken from the row/cell module (which is tree-shaken apart from `Table`).
const classes = TableTd.classes as Record<'table' | 'th' | 'tr' | 'td' | 'thead' | 'tbody' | 'caption', string>;

interface TableContext {
  striped?: 'odd' | 'even';
  highlightOnHover?: boolean;
  withRowBorders: boolean;
  withColumnBorders?: boolean;
  stickyHeader?: boolean;
  captionSide: 'top' | 'bottom';
}

const Context = createContext<TableContext>({ withRowBorders: true, captionSide: 'bottom' });

type Element<E extends keyof React.JSX.IntrinsicElements> = BoxProps & Omit<ComponentPropsWithoutRef<E>, keyof BoxProps>;

export interface TableProps extends Element<'table'> {
  striped?: boolean | 'odd' | 'even';
  highlightOnHover?: boolean;
  withTableBorder?: boolean;
  withRowBorders?: boolean;
  withColumnBorders?: boolean;
  verticalSpacing?: MantineSpacing;
  horizontalSpacing?: MantineSpacing;
  layout?: CSSProperties['tableLayout'];
  captionSide?: 'top' | 'bottom';
  stickyHeader?: boolean;
  stickyHeaderOffset?: number | string;
  tabularNums?: boolean;
  variant?: 'default' | 'vertical';
  children?: ReactNode;
}

function TableRoot({
  striped,
  highlightOnHover,
  withTableBorder,
  withRowBorders = true,
  withColumnBorders,
  verticalSpacing = 7,
  horizontalSpacing,
  layout,
  captionSide = 'bottom',
  stickyHeader,
  stickyHeaderOffset,
  tabularNums,
  variant,
  className,
  style,
  children,
  ...others
}: TableProps) {
  const vars = {
    '--table-layout': layout,
    '--table-caption-side': captionSide === 'bottom' ? undefined : captionSide,
    '--table-horizontal-spacing': horizontalSpacing === undefined ? undefined : getSpacing(horizontalSpacing),
    '--table-vertical-spacing': getSpacing(verticalSpacing),
    '--table-sticky-header-offset': stickyHeader && stickyHeaderOffset !== undefined ? rem(stickyHeaderOffset) : undefined,
  } as CSSProperties;
  const context: TableContext = {
    striped: striped === true ? 'odd' : striped || undefined,
    highlightOnHover,
    withRowBorders,
    withColumnBorders,
    stickyHeader,
    captionSide,
  };
  return (
    <Context.Provider value={context}>
      <Box
        component="table"
        variant={variant}
        mod={{ 'with-table-border': withTableBorder, 'tabular-nums': tabularNums }}
        className={join(classes.table, 'mantine-Table-table', className)}
        style={[vars, style]}
        {...others}
      >
        {children}
      </Box>
    </Context.Provider>
  );
}

const join = (...names: Array<string | undefined>) => names.filter(Boolean).join(' ');

function part<E extends 'thead' | 'tbody' | 'tfoot' | 'tr' | 'th' | 'td' | 'caption'>(
  element: E,
  attributes: (ctx: TableContext) => Record<string, string | boolean | undefined>,
) {
  const name = element.charAt(0).toUpperCase() + element.slice(1);
  const cls = (classes as Record<string, string | undefined>)[element];
  function Part({ className, ...others }: Element<E>) {
    const ctx = useContext(Context);
    return <PartBox component={element} {...attributes(ctx)} className={join(cls, `mantine-Table-${element}`, className)} {...others} />;
  }
  Part.displayName = `Table${name}`;
  return Part;
}

// Box rendering one of the table's elements (the element is chosen per part, so its props are checked at the part's type).
const PartBox = Box as unknown as (props: BoxProps & { component: string } & Record<string, unknown>) => ReactNode;

const cell = (ctx: TableContext) => ({ 'data-with-column-border': ctx.withColumnBorders || undefined });

export const Table = Object.assign(TableRoot, {
  Thead: part('thead', (ctx) => ({ 'data-sticky': ctx.stickyHeader || undefined })),
  Tbody: part('tbody', () => ({})),
  Tfoot: part('tfoot', () => ({})),
  Tr: part('tr', (ctx) => ({
    'data-with-row-border': ctx.withRowBorders || undefined,
    'data-striped': ctx.striped,
    'data-hover': ctx.highlightOnHover || undefined,
  })),
  Th: part('th', cell),
  Td: part('td', cell),
  Caption: part('caption', (ctx) => ({ 'data-side': ctx.captionSide })),
});
