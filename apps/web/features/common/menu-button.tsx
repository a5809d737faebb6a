'use client';
import Link from 'next/link';
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import classes from './menu-button.module.css';

/** One entry of a menu: a link, an action, a heading or a divider. */
export type MenuEntry =
  | { kind: 'link'; key: string; href: string; label: ReactNode; left?: ReactNode; right?: ReactNode }
  | { kind: 'action'; key: string; onSelect: () => void; label: ReactNode; left?: ReactNode; right?: ReactNode; danger?: boolean }
  | { kind: 'heading'; key: string; label: ReactNode }
  | { kind: 'divider'; key: string };

interface TriggerProps {
  'aria-haspopup': 'menu';
  'aria-expanded': boolean;
  'aria-controls': string | undefined;
  onClick: () => void;
  onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
  ref: (element: HTMLElement | null) => void;
}

/**
 * A menu button (WAI-ARIA "menu button" pattern) for the header, on every page: the trigger opens
 * it on click (and, with `hover`, under the pointer), Arrow keys move through the items, Home/End
 * jump, Escape closes it and gives the keyboard back to the trigger, Tab or a click outside closes
 * it, and choosing an item closes it. Positioned by CSS under its trigger, so it needs none of the
 * floating layer (Popover, Portal, Transition, floating-ui) that Mantine's `Menu` brings to the
 * first load of every page (bench/README.md, "web-dev").
 */
export function MenuButton({
  trigger,
  entries,
  align = 'start',
  width,
  hover = false,
  closeOn,
}: {
  /** Renders the trigger with the props it must spread on its button. */
  trigger: (props: TriggerProps) => ReactNode;
  entries: readonly MenuEntry[];
  align?: 'start' | 'end';
  width?: number;
  /** Open under the pointer too (after a short delay), close when it leaves. */
  hover?: boolean;
  /** Closes the menu whenever this value changes (the page's path: a followed link). */
  closeOn?: unknown;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const triggerEl = useRef<HTMLElement | null>(null);
  const menu = useRef<HTMLDivElement>(null);
  const focusOnOpen = useRef<'first' | 'last' | null>(null);
  const hoverTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** How the open menu was opened: one opened under the pointer closes when it leaves; a click pins it. */
  const openedBy = useRef<'hover' | 'press'>('press');

  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    if (refocus) triggerEl.current?.focus();
  }, []);

  useEffect(() => setOpen(false), [closeOn]);
  useEffect(() => () => clearTimeout(hoverTimer.current), []);
  useEffect(() => {
    if (!open) return;
    const where = focusOnOpen.current;
    focusOnOpen.current = null;
    if (where) {
      const list = items();
      (where === 'first' ? list[0] : list[list.length - 1])?.focus();
    }
    const outside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const openWith = (where: 'first' | 'last' | null) => {
    clearTimeout(hoverTimer.current);
    openedBy.current = 'press';
    focusOnOpen.current = where;
    setOpen(true);
  };
  const onTriggerClick = () => {
    // A click on a menu the pointer has just opened keeps it open (pinned), as Mantine's click-hover did.
    if (open && openedBy.current === 'press') close(false);
    else openWith(null);
  };
  const onTriggerKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      openWith('first');
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      openWith('last');
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      close(true);
    }
  };
  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const list = items();
    const at = list.indexOf(document.activeElement as HTMLElement);
    const move = (index: number) => list[(index + list.length) % list.length]?.focus();
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        move(at + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        move(at < 0 ? -1 : at - 1);
        break;
      case 'Home':
        event.preventDefault();
        move(0);
        break;
      case 'End':
        event.preventDefault();
        move(-1);
        break;
      case 'Escape':
        event.preventDefault();
        close(true);
        break;
      case 'Tab':
        close(false);
        break;
      case ' ':
        event.preventDefault();
        (document.activeElement as HTMLElement | null)?.click();
        break;
    }
  };
  const hoverTo = (next: boolean) => {
    if (!hover) return;
    clearTimeout(hoverTimer.current);
    if (next && open) return;
    if (!next && (!open || openedBy.current !== 'hover')) return;
    hoverTimer.current = setTimeout(
      () => {
        if (next) openedBy.current = 'hover';
        setOpen(next);
      },
      next ? 50 : 150,
    );
  };

  return (
    <div
      ref={root}
      className={classes.root}
      onPointerEnter={(e) => e.pointerType === 'mouse' && hoverTo(true)}
      onPointerLeave={(e) => e.pointerType === 'mouse' && hoverTo(false)}
    >
      {trigger({
        'aria-haspopup': 'menu',
        'aria-expanded': open,
        'aria-controls': open ? id : undefined,
        onClick: onTriggerClick,
        onKeyDown: onTriggerKeyDown,
        ref: (element) => {
          triggerEl.current = element;
        },
      })}
      {open && (
        <div
          ref={menu}
          id={id}
          role="menu"
          className={classes.menu}
          data-align={align}
          style={width ? { width } : undefined}
          onKeyDown={onMenuKeyDown}
        >
          {entries.map((entry) => {
            switch (entry.kind) {
              case 'divider':
                return <div key={entry.key} role="separator" className={classes.divider} />;
              case 'heading':
                return (
                  <div key={entry.key} className={classes.heading}>
                    {entry.label}
                  </div>
                );
              case 'link':
                return (
                  <Link
                    key={entry.key}
                    href={entry.href}
                    role="menuitem"
                    tabIndex={-1}
                    className={classes.item}
                    onClick={() => close(false)}
                  >
                    {entry.left && <span className={classes.section}>{entry.left}</span>}
                    <span className={classes.label}>{entry.label}</span>
                    {entry.right && <span className={classes.section}>{entry.right}</span>}
                  </Link>
                );
              case 'action':
                return (
                  <button
                    key={entry.key}
                    type="button"
                    role="menuitem"
                    tabIndex={-1}
                    className={classes.item}
                    data-danger={entry.danger || undefined}
                    onClick={() => {
                      close(false);
                      entry.onSelect();
                    }}
                  >
                    {entry.left && <span className={classes.section}>{entry.left}</span>}
                    <span className={classes.label}>{entry.label}</span>
                    {entry.right && <span className={classes.section}>{entry.right}</span>}
                  </button>
                );
            }
          })}
        </div>
      )}
    </div>
  );
}
