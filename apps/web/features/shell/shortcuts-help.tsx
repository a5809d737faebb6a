'use client';
import { Kbd, Modal } from '@mantine/core';
import { Table } from '@/features/common/table';
import { GENERAL_SHORTCUTS, type VoucherShortcut } from '@/lib/shortcuts';

/** The `?` overlay: every keyboard shortcut of the app. */
export function ShortcutsHelp({ opened, onClose, shortcuts }: { opened: boolean; onClose: () => void; shortcuts: VoucherShortcut[] }) {
  const rows = [...shortcuts.map((s) => ({ keys: s.key.toUpperCase(), does: s.label })), ...GENERAL_SHORTCUTS];
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size="lg">
      <Table aria-label="Keyboard shortcuts" verticalSpacing={6}>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.keys}>
              <Table.Td w={220}>
                <Kbd>{r.keys}</Kbd>
              </Table.Td>
              <Table.Td>{r.does}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Modal>
  );
}
