'use client';
import type { CurrentUser } from '@tritiq/contracts';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { NavGroup } from '@/lib/access';
import { onFirstRender } from '@/lib/on-first-render';
import { isTypingTarget, voucherShortcuts } from '@/lib/shortcuts';
import { useVoucherTypes } from '@/lib/voucher-types';

/** Loaded on the first Ctrl+K, `/` or `?`: nothing of them is in a page's first load. */
const CommandPalette = onFirstRender(() => import('./command-palette').then((m) => m.CommandPalette));
const ShortcutsHelp = onFirstRender(() => import('./shortcuts-help').then((m) => m.ShortcutsHelp));

/** A dialog or open menu owns the keyboard (Esc closes it); shortcuts wait. */
function overlayOpen(): boolean {
  return document.querySelector('[role="dialog"], [role="menu"]') !== null;
}

/**
 * The app's keyboard shortcuts: Ctrl+K (or `/`) opens the command palette, `?` the list of
 * shortcuts, one key a new voucher of a type (S sales, P purchase, …), outside any field.
 */
export function KeyboardShortcuts({ user, groups }: { user: CurrentUser; groups: NavGroup[] }) {
  const router = useRouter();
  const types = useVoucherTypes();
  const [open, setOpen] = useState<'palette' | 'help' | null>(null);
  const [used, setUsed] = useState({ palette: false, help: false });
  const shortcuts = voucherShortcuts(user.role, types);

  useEffect(() => {
    const show = (which: 'palette' | 'help') => {
      setUsed((u) => ({ ...u, [which]: true }));
      setOpen(which);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        show('palette');
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || isTypingTarget(e.target) || overlayOpen()) return;
      if (e.key === '/') {
        e.preventDefault();
        show('palette');
      } else if (e.key === '?') {
        e.preventDefault();
        show('help');
      } else {
        const hit = shortcuts.find((s) => s.key === e.key.toLowerCase() && !e.shiftKey);
        if (hit) {
          e.preventDefault();
          router.push(hit.href);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [router, shortcuts]);

  return (
    <>
      {used.palette && (
        <CommandPalette opened={open === 'palette'} onClose={() => setOpen(null)} user={user} groups={groups} shortcuts={shortcuts} />
      )}
      {used.help && <ShortcutsHelp opened={open === 'help'} onClose={() => setOpen(null)} shortcuts={shortcuts} />}
    </>
  );
}
