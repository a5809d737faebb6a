'use client';

import { DateInput } from '@mantine/dates';
import { isCalendarDate } from '@tritiq/contracts';
import type { DateFormat } from './format';

/** Reads a date typed in the organisation's format back to YYYY-MM-DD (null when it is not one). */
export function parseOrgDate(text: string, format: DateFormat): string | null {
  const parts = text.trim().split(/[/.-]/);
  if (parts.length !== 3) return null;
  const [a, b, c] = parts as [string, string, string];
  const [y, m, d] = format === 'YYYY-MM-DD' ? [a, b, c] : format === 'MM/DD/YYYY' ? [c, a, b] : [c, b, a];
  const iso = `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isCalendarDate(iso) ? iso : null;
}

export interface DateFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  format: DateFormat;
  error?: string;
  required?: boolean;
  clearable?: boolean;
}

/** A date typed or picked in the organisation's format; the value stays YYYY-MM-DD as the API wants. */
export function DateField({ label, value, onChange, format, error, required, clearable }: DateFieldProps) {
  return (
    <DateInput
      label={label}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      valueFormat={format}
      dateParser={(text) => parseOrgDate(text, format)}
      placeholder={format}
      error={error}
      required={required}
      clearable={clearable}
      popoverProps={{ withinPortal: true }}
    />
  );
}
