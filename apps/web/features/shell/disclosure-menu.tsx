'use client';
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import classes from './disclosure-menu.module.css';

/**
 * A header menu without a floating layer: a button and, under it, a list of links and actions
 * positioned by CSS. It behaves as WAI-ARIA's menu button: Enter, Space or Down opens it on the
 * first item, Up on the last; arrows, Home and End move; Escape closes it back on the button;
 * Tab, a click outside or choosing an item closes it. Written here rather than Mantine's `Menu`
 * because that one brings Popover, Portal, Transition and @floating-ui to every page's first
 * load for two dropdowns that always open straight below their button.
 */
export function DisclosureMenu({
  label,
  button,
  align = 'start',
  width,
  hover = false,
  children,
  buttonProps,
}: {
  /** The menu's accessible name. */
  label: string;
  /** What the button shows. */
  button: ReactNode;
  align?: 'start' | 'end';
  width?: number;
  /** Also open while the pointer rests on the button (the top navigation's groups). */
  hover?: boolean;
  children: ReactNode;
  buttonProps?: { className?: string; 'data-testid'?: string; 'data-active'?: boolean };
}) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const leave = useRef<ReturnType<typeof setTimeout> | null>(null);
  const id = useId();

  const items = () => [...(list.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  const focusItem = (which: number | 'last') => {
    const all = items();
    (which === 'last' ? all.at(-1) : all[which])?.focus();
  };
  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    if (refocus) trigger.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const openAt = (which: number | 'last') => {
    setOpen(true);
    requestAnimationFrame(() => focusItem(which));
  };

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      openAt(0);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      openAt('last');
    } else if (e.key === 'Escape') close(true);
  };

  const onListKey = (e: KeyboardEvent) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 };
    if (e.key in moves) {
      e.preventDefault();
      all[(moves[e.key]! + all.length) % all.length]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close(true);
    } else if (e.key === 'Tab') setOpen(false);
  };

  const hoverProps = hover
    ? {
        onPointerEnter: (e: React.PointerEvent) => {
          if (e.pointerType !== 'mouse') return;
          if (leave.current) clearTimeout(leave.current);
          setOpen(true);
        },
        onPointerLeave: (e: React.PointerEvent) => {
          if (e.pointerType !== 'mouse') return;
          leave.current = setTimeout(() => setOpen(false), 150);
        },
      }
    : {};

  return (
    <div className={classes.root} ref={root} {...hoverProps}>
      <button
        type="button"
        ref={trigger}
        id={`${id}-button`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        aria-label={typeof button === 'string' ? undefined : label}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={onButtonKey}
        {...buttonProps}
      >
        {button}
      </button>
      {open && (
        <div
          ref={list}
          id={`${id}-menu`}
          role="menu"
          aria-label={label}
          className={classes.dropdown}
          data-align={align}
          style={width ? { width } : undefined}
          onKeyDown={onListKey}
          // Choosing an item (a link followed or an action run) closes the menu.
          onClick={(e) => {
            if ((e.target as HTMLElement).closest('[role="menuitem"]')) setOpen(false);
          }}
        >
          {children}
        </div>
      )}
    </div>
  );
}
