import type { Role, VoucherTypeDefinition } from '@tritiq/contracts';

/**
 * The single-key shortcuts for a new voucher (pressed outside any field), Tally's habit of one
 * key per voucher: S sales, P purchase, R receipt, Y payment, C contra, J journal. A type
 * registered later takes its entry here; a type without one is reached through Ctrl+K.
 */
export const NEW_VOUCHER_KEYS: Readonly<Record<string, string>> = {
  sales: 's',
  purchase: 'p',
  receipt: 'r',
  payment: 'y',
  contra: 'c',
  journal: 'j',
};

export interface VoucherShortcut {
  key: string;
  type: string;
  label: string;
  href: string;
}

/** The new-voucher shortcuts this user may use (the types it may create). */
export function voucherShortcuts(role: Role, types: readonly VoucherTypeDefinition[]): VoucherShortcut[] {
  return types.flatMap((d) => {
    const key = NEW_VOUCHER_KEYS[d.type];
    if (!key || !d.roles.create.includes(role)) return [];
    return [{ key, type: d.type, label: `New ${d.label.toLowerCase()}`, href: `/vouchers/${d.type}/new` }];
  });
}

/** Every shortcut, as the `?` overlay and the README list them. */
export const GENERAL_SHORTCUTS: readonly { keys: string; does: string }[] = [
  { keys: 'Ctrl+K or /', does: 'Command palette: jump to a page, party, product or voucher number' },
  { keys: '?', does: 'This list of shortcuts' },
  { keys: 'Esc', does: 'Close the dialog, menu or palette' },
  { keys: 'Enter', does: 'In a picker: choose the highlighted (first) match' },
  { keys: 'Tab / Shift+Tab', does: 'Next / previous field' },
  { keys: 'Enter (in a voucher line number)', does: 'Add a line below and go to its product' },
  { keys: 'Ctrl+Enter', does: 'Save the voucher' },
];

/** Whether a key press happened where typing goes (a field, an editable area): shortcuts keep out. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
