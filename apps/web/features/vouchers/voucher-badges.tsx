import { Badge } from '@mantine/core';
import type { VoucherEmailStatus } from '@tritiq/contracts';
import { LazyTooltip } from '@/features/common/lazy-tooltip';

export function StatusBadge({ status }: { status: 'active' | 'cancelled' }) {
  return status === 'cancelled' ? (
    <Badge color="red" variant="filled" data-testid="voucher-status">
      Cancelled
    </Badge>
  ) : (
    <Badge color="green" variant="light" data-testid="voucher-status">
      Posted
    </Badge>
  );
}

const EMAIL: Record<VoucherEmailStatus, { label: string; color: string }> = {
  not_sent: { label: 'Not emailed', color: 'gray' },
  queued: { label: 'Email queued', color: 'yellow' },
  sent: { label: 'Email sent', color: 'teal' },
  failed: { label: 'Email failed', color: 'red' },
};

/** A queued email while email is not configured (`unconfigured`) is not on its way: the badge says why it waits. */
export function EmailBadge({
  status,
  error,
  to,
  unconfigured = false,
}: {
  status: VoucherEmailStatus;
  error?: string | null;
  to?: string | null;
  unconfigured?: boolean;
}) {
  const e = status === 'queued' && unconfigured ? { label: 'Email not configured', color: 'orange' } : EMAIL[status];
  const badge = (
    <Badge color={e.color} variant="light" data-testid="email-status" data-status={status}>
      {e.label}
    </Badge>
  );
  const tip = status === 'failed' ? error : to ? `To ${to}` : null;
  return tip ? <LazyTooltip label={tip}>{badge}</LazyTooltip> : badge;
}
