'use client';
import { Group, Kbd, Modal, ScrollArea, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { partyPageSchema, productPageSchema, voucherPageSchema, type CurrentUser } from '@tritiq/contracts';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import type { NavGroup } from '@/lib/access';
import { api } from '@/lib/api-client';
import type { VoucherShortcut } from '@/lib/shortcuts';
import { useVoucherTypes } from '@/lib/voucher-types';

interface Entry {
  id: string;
  label: string;
  /** What it is: "Page", "Customer", "Product", "Sales voucher". */
  kind: string;
  href: string;
  keyHint?: string;
}

const matches = (text: string, q: string) => text.toLowerCase().includes(q.toLowerCase());

/**
 * Ctrl+K: type to jump to a page, a party, a product or a voucher number; arrows move, Enter goes,
 * Esc closes. Pages are matched here; parties, products and vouchers are searched on the server.
 */
export function CommandPalette({
  opened,
  onClose,
  user,
  groups,
  shortcuts,
}: {
  opened: boolean;
  onClose: () => void;
  user: CurrentUser;
  groups: NavGroup[];
  shortcuts: VoucherShortcut[];
}) {
  const router = useRouter();
  const types = useVoucherTypes();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Entry[]>([]);
  const [active, setActive] = useState(0);

  const pages = useMemo<Entry[]>(
    () => [
      { id: 'page:/', label: 'Dashboard', kind: 'Page', href: '/' },
      ...shortcuts.map((s) => ({ id: `new:${s.type}`, label: s.label, kind: 'New', href: s.href, keyHint: s.key.toUpperCase() })),
      ...groups.flatMap((g) => g.links.map((l) => ({ id: `page:${l.href}`, label: l.label, kind: g.label, href: l.href }))),
      { id: 'page:/profile', label: 'My profile', kind: 'Page', href: '/profile' },
    ],
    [groups, shortcuts],
  );

  useEffect(() => {
    if (!opened) return;
    setQuery('');
    setActive(0);
  }, [opened]);

  useEffect(() => {
    const q = query.trim();
    setFound([]);
    if (q.length < 2 || user.role === 'super_admin') return;
    let live = true;
    const timer = setTimeout(() => {
      const parties = (['customer', 'vendor'] as const).map((kind) =>
        api.get(`/${kind}s`, partyPageSchema, { search: q, limit: 5 }).then((p) =>
          p.items.map((x) => ({
            id: `${kind}:${x.id}`,
            label: x.name,
            kind: kind === 'customer' ? 'Customer' : 'Vendor',
            href: `/${kind}s/${x.id}`,
          })),
        ),
      );
      const products = api
        .get('/products', productPageSchema, { search: q, limit: 5 })
        .then((p) => p.items.map((x) => ({ id: `product:${x.id}`, label: x.name, kind: 'Product (stock)', href: `/stock/${x.id}` })));
      const vouchers = types
        .filter((d) => d.roles.read.includes(user.role))
        .map((d) =>
          api.get(`/vouchers/${d.type}`, voucherPageSchema, { search: q, limit: 5 }).then((p) =>
            p.items.map((v) => ({
              id: `voucher:${v.id}`,
              label: `${v.voucher_number} · ${v.party?.name ?? v.other_ledger?.name ?? v.voucher_type}`,
              kind: d.label,
              href: `/vouchers/${d.type}/${v.id}`,
            })),
          ),
        );
      void Promise.allSettled([...parties, products, ...vouchers]).then((results) => {
        if (!live) return;
        setFound(results.flatMap((r) => (r.status === 'fulfilled' ? r.value : [])));
      });
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, types, user.role]);

  const q = query.trim();
  const entries = [...(q ? pages.filter((p) => matches(p.label, q) || matches(p.kind, q)) : pages), ...found];
  const at = Math.min(active, Math.max(entries.length - 1, 0));

  const go = (entry: Entry | undefined) => {
    if (!entry) return;
    onClose();
    router.push(entry.href);
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Go to" size="lg" yOffset="10vh">
      <Stack gap="xs">
        <TextInput
          data-autofocus
          aria-label="Search pages, parties, products and voucher numbers"
          placeholder="A page, a party, a product or a voucher number"
          value={query}
          role="combobox"
          aria-expanded
          aria-controls="command-palette-results"
          aria-activedescendant={entries[at] ? `palette-${at}` : undefined}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              setActive((a) => Math.min(a + 1, entries.length - 1));
            } else if (e.key === 'ArrowUp') {
              e.preventDefault();
              setActive((a) => Math.max(a - 1, 0));
            } else if (e.key === 'Enter') {
              e.preventDefault();
              go(entries[at]);
            }
          }}
        />
        <ScrollArea.Autosize mah="55vh">
          <Stack gap={2} role="listbox" id="command-palette-results" aria-label="Results">
            {entries.map((entry, i) => (
              <UnstyledButton
                key={entry.id}
                id={`palette-${i}`}
                role="option"
                aria-selected={i === at}
                tabIndex={-1}
                onMouseEnter={() => setActive(i)}
                onClick={() => go(entry)}
                px="sm"
                py={6}
                style={{ borderRadius: 4, background: i === at ? 'var(--mantine-color-indigo-light)' : undefined }}
              >
                <Group justify="space-between" wrap="nowrap">
                  <Text size="sm">{entry.label}</Text>
                  <Group gap="xs" wrap="nowrap">
                    <Text size="xs" c="dimmed">
                      {entry.kind}
                    </Text>
                    {entry.keyHint && <Kbd size="xs">{entry.keyHint}</Kbd>}
                  </Group>
                </Group>
              </UnstyledButton>
            ))}
            {entries.length === 0 && (
              <Text size="sm" c="dimmed" px="sm">
                {q.length < 2 ? 'Type to search' : 'Nothing found'}
              </Text>
            )}
          </Stack>
        </ScrollArea.Autosize>
      </Stack>
    </Modal>
  );
}
