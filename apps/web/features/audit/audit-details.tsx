import { List, Text } from '@mantine/core';

const LABELS: Record<string, string> = {
  gstin: 'GSTIN',
  pan: 'PAN',
  hsn_code: 'HSN code',
  gst_rate: 'GST rate',
  state_code: 'GST state code',
  ip: 'IP address',
  max_users: 'User limit',
  full_name: 'Full name',
  must_change_password: 'Must change password',
};

/** Keys that only hold ids or hashes: the event's own columns already say what it is about. */
const HIDDEN = /(^id$|_id$|_hash$)/;

/** "unit_price" -> "Unit price"; the few acronyms and terms spelt as an accountant reads them. */
export function fieldLabel(key: string): string {
  if (LABELS[key]) return LABELS[key];
  const words = key.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map(shown).join(', ');
  return Object.entries(value as Record<string, unknown>)
    .filter(([k]) => !HIDDEN.test(k))
    .map(([k, v]) => `${fieldLabel(k)}: ${shown(v)}`)
    .join('; ');
}

function isChange(value: unknown): value is { from: unknown; to: unknown } {
  return typeof value === 'object' && value !== null && 'from' in value && 'to' in value;
}

/**
 * An audit event's details as a list a person reads: each field by its name, a change as
 * "Unit price: 250.00 → 300.00", ids and hashes left out (they name nothing to a reader).
 */
export function AuditDetails({ details }: { details: Record<string, unknown> }) {
  const rows: string[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (HIDDEN.test(key)) continue;
    if (key === 'changes' && typeof value === 'object' && value !== null) {
      for (const [field, change] of Object.entries(value as Record<string, unknown>)) {
        if (HIDDEN.test(field)) continue;
        rows.push(
          isChange(change) ? `${fieldLabel(field)}: ${shown(change.from)} → ${shown(change.to)}` : `${fieldLabel(field)}: ${shown(change)}`,
        );
      }
      continue;
    }
    rows.push(`${fieldLabel(key)}: ${shown(value)}`);
  }
  if (rows.length === 0) return null;
  return (
    <List size="xs" spacing={2} listStyleType="none" data-testid="audit-details">
      {rows.map((r) => (
        <List.Item key={r}>
          <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
            {r}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
