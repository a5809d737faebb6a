'use client';

import { Alert, Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { isReturnType, partySchema, ROLE_LABELS, voucherSchema, type VoucherTypeDefinition } from '@tritiq/contracts';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { Suspense, useCallback, useEffect, useState } from 'react';
import { LoadingState, ErrorState } from '@/features/common/states';
import { api, apiDownload, errorMessage } from '@/lib/api-client';
import { amount } from '@/lib/format';
import { useOrganization } from '@/lib/organization';
import { isAdminRole } from '@/lib/access';
import { useCurrentRole } from '@/lib/session';
import { formatDate, formatDateTime } from '@/lib/dates';
import { InvoiceDocument, type Party, type Voucher } from './invoice-document';
import { BooksDocument } from './books-document';
import { partyNoun, voucherPaths } from './paths';
import { CancelVoucherDialog, EmailVoucherDialog } from './voucher-actions';
import { EmailBadge, StatusBadge } from './voucher-badges';
import { useVoucherType, useVoucherTypes } from '@/lib/voucher-types';
import { UnknownType } from './unknown-type';
import { invoiceShareText, whatsappLink } from './share';
import { ShareLinksPanel, type CreatedShareLink } from './share-links';
import { UpiPaymentQr } from './upi-payment-qr';
import { useEmailAvailability } from './use-email-availability';
import { PrintStyle } from '@/features/common/print-area';

const POLL_MS = 1500;

/** A note's reason as its type's `reason` field labels it. */
function reasonLabel(def: VoucherTypeDefinition, reason: string | null): string | null {
  if (!reason) return null;
  return def.headerFields.find((f) => f.name === 'reason')?.options?.find((o) => o.value === reason)?.label ?? reason;
}
const POLL_LIMIT = 80;

export function VoucherView({ def, id }: { def: VoucherTypeDefinition; id: string }) {
  const org = useOrganization();
  const role = useCurrentRole();
  const isAdmin = isAdminRole(role);
  const canCancel = role != null && def.roles.cancel.includes(role);
  // The notes that may be made against a voucher of this type (a credit note against a sales invoice), as the role may create them.
  const noteTypes = useVoucherTypes().filter(
    (t) => isReturnType(t) && t.against!.types.includes(def.type) && role != null && t.roles.create.includes(role),
  );
  const originalDef = useVoucherType(def.against?.types[0] ?? '');
  const created = useSearchParams().get('created') === '1';
  const [voucher, setVoucher] = useState<Voucher | null>(null);
  const [party, setParty] = useState<Party | null>(null);
  const [partyLoaded, setPartyLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'cancel' | 'email' | null>(null);
  const [polls, setPolls] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  const [shared, setShared] = useState<CreatedShareLink | null>(null);

  const load = useCallback(async () => {
    try {
      const v = await api.get(`/vouchers/${def.type}/${id}`, voucherSchema);
      setVoucher(v);
      setError(null);
      return v;
    } catch (err) {
      setError(errorMessage(err));
      return null;
    }
  }, [def.type, id]);

  useEffect(() => {
    void load().then((v) => {
      if (!v) return;
      if (!v.party) {
        setPartyLoaded(true);
        return;
      }
      api
        .get(`/${def.party?.kind ?? 'customer'}s/${v.party.id}`, partySchema)
        .then(setParty, () => setParty(null))
        .finally(() => setPartyLoaded(true));
    });
  }, [load, def.party?.kind]);

  // A queued email goes nowhere while email is not configured: say so, and where it is configured.
  // Asked as soon as the voucher can be emailed, so the Email dialog can say it before sending.
  const availability = useEmailAvailability(voucher != null && def.party != null);
  const unconfigured = availability?.configured === false;

  // While the email is queued, follow it until the outbox reports sent or failed.
  useEffect(() => {
    if (voucher?.email_status !== 'queued' || polls >= POLL_LIMIT) return;
    const timer = setTimeout(() => {
      void load().then(() => setPolls((n) => n + 1));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [voucher, polls, load]);

  const downloadPdf = async () => {
    if (!voucher) return;
    setDownloading(true);
    try {
      await apiDownload(`/vouchers/${def.type}/${voucher.id}/pdf`, {}, `${voucher.voucher_number.replaceAll('/', '-')}.pdf`);
    } catch (err) {
      setNotice(`Could not download the PDF: ${errorMessage(err)}`);
    } finally {
      setDownloading(false);
    }
  };

  if (error && !voucher) return <ErrorState message={error} onRetry={() => void load()} />;
  // The invoice is shown once both parties' details are in, so a print never lacks a GSTIN.
  if (!voucher || org.loading || !partyLoaded) return <LoadingState label="Loading voucher…" />;

  return (
    <Stack gap="md">
      <PrintStyle />
      <Group justify="space-between" wrap="wrap" className="tritiq-no-print">
        <div>
          <Anchor component={Link} href={voucherPaths.list(def.type)} size="sm">
            ← {def.pluralLabel}
          </Anchor>
          <Group gap="xs">
            <Title order={2} data-testid="voucher-number">
              {voucher.voucher_number}
            </Title>
            <StatusBadge status={voucher.status} />
            <EmailBadge status={voucher.email_status} error={voucher.email_error} to={voucher.email_to} unconfigured={unconfigured} />
          </Group>
          {voucher.against_voucher_id && (
            <Text size="sm" data-testid="voucher-against">
              Against{' '}
              {originalDef ? (
                <Anchor component={Link} href={voucherPaths.view(originalDef.type, voucher.against_voucher_id)} ff="monospace">
                  {voucher.against_voucher_number}
                </Anchor>
              ) : (
                voucher.against_voucher_number
              )}{' '}
              of {formatDate(voucher.against_voucher_date, org.dateFormat)}
              {reasonLabel(def, voucher.reason) ? ` · Reason: ${reasonLabel(def, voucher.reason)}` : ''}
            </Text>
          )}
          <Text size="sm" c="dimmed">
            {voucher.party ? `${partyNoun(def)}: ${voucher.party.name} · ` : ''}created {formatDateTime(voucher.created_at, org.dateFormat)}
            {voucher.created_by_email ? ` by ${voucher.created_by_email}` : ''}
          </Text>
        </div>
        <Group gap="xs">
          <Button variant="default" onClick={() => window.print()}>
            Print
          </Button>
          {def.document && (
            <Button variant="default" onClick={() => void downloadPdf()} loading={downloading}>
              Download PDF
            </Button>
          )}
          {def.party && (
            <Button variant="light" onClick={() => setDialog('email')} disabled={voucher.status === 'cancelled'}>
              Email
            </Button>
          )}
          {def.document && voucher.status === 'active' && (
            <Button
              component="a"
              variant="light"
              color="green"
              href={whatsappLink(
                party?.contact_number,
                invoiceShareText({
                  label: def.label,
                  number: voucher.voucher_number,
                  amount: amount(voucher.grand_total),
                  organization: org.profile?.legal_name || org.profile?.name || '',
                  pdfUrl: shared?.url ?? `${window.location.origin}/api/v1/vouchers/${def.type}/${voucher.id}/pdf`,
                  validUntil: shared?.expiresAt,
                }),
              )}
              target="_blank"
              rel="noopener noreferrer"
            >
              Share on WhatsApp
            </Button>
          )}
          <Button variant="default" onClick={() => void load()} aria-label="Refresh voucher">
            Refresh
          </Button>
          {canCancel && voucher.status === 'active' && (
            <Button color="red" variant="light" onClick={() => setDialog('cancel')}>
              Cancel voucher
            </Button>
          )}
          {!canCancel && voucher.status === 'active' && (
            <Text size="xs" c="dimmed" maw={260} data-testid="cancel-why">
              Only {def.roles.cancel.map((r) => `${ROLE_LABELS[r].toLowerCase()}s`).join(' and ')} may cancel a {def.label.toLowerCase()};
              ask one to cancel it.
            </Text>
          )}
          {voucher.status === 'active' &&
            noteTypes.map((t) => (
              <Button key={t.type} component={Link} variant="light" href={`${voucherPaths.create(t.type)}?against=${voucher.id}`}>
                {t.label}
              </Button>
            ))}
          {!isReturnType(def) && def.lines === 'items' && (
            <Button component={Link} variant="light" href={`${voucherPaths.create(def.type)}?copy=${voucher.id}`}>
              Copy as new
            </Button>
          )}
          {role != null && def.roles.create.includes(role) && (
            <Button component={Link} href={voucherPaths.create(def.type)}>
              New
            </Button>
          )}
        </Group>
      </Group>
      {created && !notice && (
        <Alert color="green" data-testid="voucher-created">
          Saved as {voucher.voucher_number}.
        </Alert>
      )}
      {notice && (
        <Alert color="blue" withCloseButton onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {voucher.status === 'cancelled' && (
        <Alert color="red" title="Cancelled" data-testid="cancel-info">
          Cancelled {formatDateTime(voucher.cancelled_at, org.dateFormat)}: {voucher.cancel_reason}
        </Alert>
      )}
      {voucher.email_status === 'queued' && unconfigured && (
        <Alert color="orange" title="Email is not configured" data-testid="email-not-configured">
          This email to {voucher.email_to} has not been sent and cannot be until email is configured. {availability.configure_hint}
        </Alert>
      )}
      {voucher.email_status === 'failed' && voucher.email_error && (
        <Alert color="red" title="The email could not be delivered">
          {voucher.email_error}
        </Alert>
      )}
      {def.document && org.settings?.share_links_enabled && voucher.status === 'active' && (
        <ShareLinksPanel def={def} voucherId={voucher.id} dateFormat={org.dateFormat} onCreated={setShared} />
      )}
      {def.lines === 'items' ? (
        <InvoiceDocument
          voucher={voucher}
          profile={org.profile}
          party={party}
          dateFormat={org.dateFormat}
          payment={<UpiPaymentQr def={def} voucherId={voucher.id} status={voucher.status} />}
        />
      ) : (
        <BooksDocument
          def={def}
          voucher={voucher}
          profile={org.profile}
          dateFormat={org.dateFormat}
          originalType={def.against?.types[0] ?? null}
        />
      )}
      {dialog === 'cancel' && (
        <CancelVoucherDialog
          def={def}
          voucher={voucher}
          onClose={() => setDialog(null)}
          onDone={(v) => {
            setVoucher(v);
            setDialog(null);
            setNotice(
              def.lines === 'items'
                ? `${v.voucher_number} is cancelled; its stock movements were reversed.`
                : `${v.voucher_number} is cancelled; its ledger entries were reversed${def.against ? ' and the bills it settled are open again' : ''}.`,
            );
          }}
        />
      )}
      {dialog === 'email' && (
        <EmailVoucherDialog
          def={def}
          voucher={voucher}
          defaultTo={isAdmin ? (voucher.email_to ?? party?.email ?? '') : (party?.email ?? '')}
          canChooseAddress={isAdmin}
          availability={availability}
          onClose={() => setDialog(null)}
          onQueued={(to) => {
            setDialog(null);
            setNotice(unconfigured ? `Email to ${to} is waiting in the outbox: email is not configured.` : `Email to ${to} queued.`);
            setPolls(0);
            void load();
          }}
        />
      )}
    </Stack>
  );
}

/** The `vouchers/[type]/[id]` route (it reads `?created=1`, hence the Suspense boundary). */
export function VoucherViewRoute({ type, id }: { type: string; id: string }) {
  const def = useVoucherType(type);
  if (!def) return <UnknownType type={type} />;
  return (
    <Suspense fallback={<LoadingState />}>
      <VoucherView def={def} id={id} />
    </Suspense>
  );
}
