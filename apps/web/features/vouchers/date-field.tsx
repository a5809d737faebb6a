'use client';

import '@mantine/dates/styles.css';
import { DateInput } from '@mantine/dates';
import { parseOrgDate, type DateFormat } from '@/lib/dates';

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
