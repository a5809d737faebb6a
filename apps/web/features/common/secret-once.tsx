'use client';
import { ActionIcon, Alert, Button, Code, CopyButton, Group, Modal, Stack, Text, Tooltip } from '@mantine/core';
import IconCheck from '@tabler/icons-react/icons/IconCheck';
import IconCopy from '@tabler/icons-react/icons/IconCopy';
import IconMailCheck from '@tabler/icons-react/icons/IconMailCheck';
import IconMailX from '@tabler/icons-react/icons/IconMailX';
import type { ReactNode } from 'react';
import { useLingering } from './use-lingering';

/** A generated password, shown once with a copy button, and whether the email carrying it went out. */
export function SecretOnce({
  label,
  secret,
  emailSent,
  emailError,
}: {
  label: string;
  secret: string;
  emailSent?: boolean;
  emailError?: string | null;
}) {
  return (
    <Stack gap="sm">
      <Alert color="yellow" title="Shown only once">
        Copy it now: it cannot be shown again. The user must change it at the next sign-in.
      </Alert>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap">
        <Code fz="lg" p="xs" data-testid="secret-once" style={{ userSelect: 'all' }}>
          {secret}
        </Code>
        <CopyButton value={secret} timeout={2000}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copied' : 'Copy'} withArrow>
              <ActionIcon variant="light" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label="Copy password">
                {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      {emailSent !== undefined && (
        <Group gap="xs" data-testid="email-outcome">
          {emailSent ? (
            <IconMailCheck size={18} color="var(--mantine-color-teal-6)" />
          ) : (
            <IconMailX size={18} color="var(--mantine-color-red-6)" />
          )}
          <Text size="sm">{emailSent ? 'Emailed to the user.' : `Not emailed: ${emailError ?? 'unknown reason'}`}</Text>
        </Group>
      )}
    </Stack>
  );
}

export interface ShownSecret {
  label: string;
  secret: string;
  emailSent: boolean;
  emailError: string | null;
  /** A line above the password, e.g. what was just created. */
  intro?: ReactNode;
}

/** A dialog that shows a generated password once; it closes only through its Done button or Escape. */
export function SecretOnceModal({ title, shown: current, onClose }: { title: string; shown: ShownSecret | null; onClose: () => void }) {
  const shown = useLingering(current);
  return (
    <Modal opened={current !== null} onClose={onClose} title={title} centered closeOnClickOutside={false}>
      {shown && (
        <Stack>
          {shown.intro && <Text size="sm">{shown.intro}</Text>}
          <SecretOnce label={shown.label} secret={shown.secret} emailSent={shown.emailSent} emailError={shown.emailError} />
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
