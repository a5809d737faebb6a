'use client';
import { Alert, Anchor, List, Text, ThemeIcon } from '@mantine/core';
import IconCheck from '@tabler/icons-react/icons/IconCheck';
import IconCircleDashed from '@tabler/icons-react/icons/IconCircleDashed';
import { organizationProfileSchema, type CurrentUser } from '@tritiq/contracts';
import Link from 'next/link';
import { isAdminRole } from '@/lib/access';
import { apiRequest } from '@/lib/api-client';
import { useApi } from '@/lib/use-api';

type Profile = ReturnType<typeof organizationProfileSchema.parse>;

/** What a new organisation must fill in before its first voucher (the API refuses vouchers without the state code). */
const STEPS: ReadonlyArray<{ label: string; done: (p: Profile) => boolean }> = [
  { label: 'Legal name and address', done: (p) => Boolean(p.legal_name && p.address_line1 && p.city && p.pin_code) },
  { label: 'GSTIN', done: (p) => Boolean(p.gstin) },
  { label: 'GST state (decides CGST and SGST or IGST on every voucher)', done: (p) => Boolean(p.state_code) },
];

/**
 * The org dashboard's "before your first voucher" list, shown until the company profile has what
 * vouchers need; an admin gets the link to fill it in, anyone else is told to ask one.
 */
export function SetupChecklist({ user }: { user: CurrentUser }) {
  const profile = useApi((signal) => apiRequest('/organization/profile', { schema: organizationProfileSchema, signal }), []);
  if (profile.status !== 'ready') return null;
  const steps = STEPS.map((s) => ({ label: s.label, done: s.done(profile.data) }));
  if (steps.every((s) => s.done)) return null;
  return (
    <Alert color="yellow" title="Complete the company profile before the first voucher" data-testid="setup-checklist">
      <List spacing={4} size="sm" center>
        {steps.map((s) => (
          <List.Item
            key={s.label}
            data-done={s.done}
            icon={
              <ThemeIcon size={20} radius="xl" color={s.done ? 'teal' : 'gray'} variant={s.done ? 'filled' : 'light'}>
                {s.done ? <IconCheck size={14} aria-label="Done" /> : <IconCircleDashed size={14} aria-label="To do" />}
              </ThemeIcon>
            }
          >
            {s.label}
          </List.Item>
        ))}
      </List>
      <Text size="sm" mt="sm">
        {isAdminRole(user.role) ? (
          <Anchor component={Link} href="/settings">
            Open the company profile
          </Anchor>
        ) : (
          'Ask an organisation admin to complete the company profile (Settings → Company profile).'
        )}
      </Text>
    </Alert>
  );
}
