'use client';

import { Badge, Button, Group, Text } from '@mantine/core';
import { gstFiledPeriodListSchema, gstFiledPeriodSchema, gstPeriodUnfiledSchema } from '@tritiq/contracts';
import { useState } from 'react';
import { api } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { useCurrentRole } from '@/lib/session';
import { useApi } from '@/lib/use-api';
import { ConfirmDialog, type ConfirmRequest } from '@/features/common/confirm';

/**
 * Whether the month's GSTR-1 is marked filed, and (org admins) the button that marks or unmarks
 * it: once filed, its sales invoices and notes cannot be posted or cancelled (409 GST_PERIOD_FILED).
 */
export function FiledStatus({ period }: { period: string }) {
  const canFile = useCurrentRole() === 'org_admin';
  const periods = useApi((signal) => api.get('/gst/periods', gstFiledPeriodListSchema, undefined, signal), [period]);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  if (periods.status !== 'ready') return null;
  const filed = periods.data.items.find((p) => p.period === period);
  return (
    <Group gap="sm" align="center" data-testid="filed-status">
      {filed ? (
        <>
          <Badge color="green" size="lg">
            Filed
          </Badge>
          <Text size="sm" c="dimmed">
            marked {formatDateTime(filed.filed_at)}
            {filed.filed_by_email ? ` by ${filed.filed_by_email}` : ''}
          </Text>
        </>
      ) : (
        <Badge color="gray" size="lg">
          Not filed
        </Badge>
      )}
      {canFile &&
        (filed ? (
          <Button
            variant="subtle"
            color="red"
            onClick={() =>
              setConfirm({
                title: `Mark ${period} not filed`,
                message: 'Its invoices and notes can then be posted and cancelled again. Do this only if the return was not filed.',
                confirmLabel: 'Mark not filed',
                danger: true,
                onConfirm: async () => {
                  await api.delete(`/gst/periods/${period}/filed`, gstPeriodUnfiledSchema);
                  periods.reload();
                },
              })
            }
          >
            Mark not filed
          </Button>
        ) : (
          <Button
            variant="light"
            onClick={() =>
              setConfirm({
                title: `Mark ${period} filed`,
                message:
                  'Its sales invoices and notes can then no longer be posted or cancelled: corrections become credit or debit notes.',
                confirmLabel: 'Mark filed',
                onConfirm: async () => {
                  await api.post(`/gst/periods/${period}/filed`, undefined, gstFiledPeriodSchema);
                  periods.reload();
                },
              })
            }
          >
            Mark filed
          </Button>
        ))}
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </Group>
  );
}
