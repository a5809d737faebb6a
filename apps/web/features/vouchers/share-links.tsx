'use client';

import { Badge, Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { Table } from '@/features/common/table';
import { shareLinkCreatedSchema, shareLinkListSchema, shareLinkSchema, type VoucherTypeDefinition } from '@tritiq/contracts';
import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { api, errorMessage } from '@/lib/api-client';
import { formatDateTime, type DateFormat } from '@/lib/dates';

type ShareLink = z.output<typeof shareLinkSchema>;
export type CreatedShareLink = { url: string; expiresAt: string };

const STATUS_COLOR = { active: 'green', expired: 'gray', revoked: 'red' } as const;

/**
 * The voucher's expiring share links (where the org admin turned them on): make one (its address is
 * shown this once: only its hash is kept), see them, revoke one. The newest link made here is what
 * the WhatsApp message carries.
 */
export function ShareLinksPanel({
  def,
  voucherId,
  dateFormat,
  onCreated,
}: {
  def: VoucherTypeDefinition;
  voucherId: string;
  dateFormat: DateFormat;
  onCreated: (link: CreatedShareLink) => void;
}) {
  const base = `/vouchers/${def.type}/${voucherId}/share-links`;
  const [links, setLinks] = useState<ShareLink[] | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setLinks((await api.get(base, shareLinkListSchema)).items);
    } catch (err) {
      setError(errorMessage(err));
    }
  }, [base]);
  useEffect(() => {
    void load();
  }, [load]);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const link = await api.post(base, {}, shareLinkCreatedSchema);
      const url = `${window.location.origin}${link.path}`;
      setCreated(url);
      onCreated({ url, expiresAt: formatDateTime(link.expires_at, dateFormat) });
      await load();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const revoke = async (id: string) => {
    setError(null);
    try {
      await api.post(`${base}/${id}/revoke`, undefined, shareLinkSchema);
      await load();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <Card withBorder radius="md" padding="md" className="tritiq-no-print" data-testid="share-links">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>Share links</Text>
          <Button size="xs" variant="light" onClick={() => void create()} loading={busy}>
            Create share link
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          Anyone with a link opens this PDF, and nothing else, until it expires (7 days) or is revoked.
        </Text>
        {created && (
          <TextInput
            label="New link (shown once: copy it now)"
            value={created}
            readOnly
            data-testid="share-link-url"
            onFocus={(e) => e.currentTarget.select()}
          />
        )}
        {error && (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        )}
        {links && links.length > 0 && (
          <Table withTableBorder={false} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Made</Table.Th>
                <Table.Th>By</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {links.map((l) => (
                <Table.Tr key={l.id} data-testid="share-link-row">
                  <Table.Td>{formatDateTime(l.created_at, dateFormat)}</Table.Td>
                  <Table.Td>{l.created_by_email ?? ''}</Table.Td>
                  <Table.Td>{formatDateTime(l.expires_at, dateFormat)}</Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOR[l.status]} variant="light">
                      {l.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {l.status === 'active' && l.can_revoke && (
                      <Button size="xs" variant="subtle" color="red" onClick={() => void revoke(l.id)}>
                        Revoke
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Card>
  );
}
