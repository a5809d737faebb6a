'use client';
import { Alert, Button, Code, CopyButton, Group, SimpleGrid, Stack } from '@mantine/core';

/** The ten recovery codes, shown once right after two-factor sign-in is turned on. */
export function RecoveryCodesOnce({
  codes,
  onDone,
  doneLabel = 'I have saved them',
}: {
  codes: string[];
  onDone: () => void;
  doneLabel?: string;
}) {
  return (
    <Stack gap="sm">
      <Alert color="yellow" title="Save your recovery codes now">
        Each code signs you in once if you lose your phone. They are not shown again.
      </Alert>
      <SimpleGrid cols={2} spacing="xs" data-testid="recovery-codes">
        {codes.map((code) => (
          <Code key={code} fz="md" p="xs" style={{ userSelect: 'all' }}>
            {code}
          </Code>
        ))}
      </SimpleGrid>
      <Group justify="space-between">
        <CopyButton value={codes.join('\n')} timeout={2000}>
          {({ copied, copy }) => (
            <Button variant="light" onClick={copy}>
              {copied ? 'Copied' : 'Copy all'}
            </Button>
          )}
        </CopyButton>
        <Button onClick={onDone}>{doneLabel}</Button>
      </Group>
    </Stack>
  );
}
